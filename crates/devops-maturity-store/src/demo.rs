//! Stores the core's demo organisation: teams and a year of completed assessments.

use chrono::{DateTime, Duration, Utc};
use devops_maturity_core::dora::DoraModel;
use devops_maturity_core::Questionnaire;
use serde::Serialize;

use crate::assessments::NewAssessment;
use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoSummary {
    pub organisation: String,
    pub teams: u32,
    pub assessments: u32,
}

/// Creates the demo teams and their assessments in one transaction. Refuses (and changes
/// nothing) when a demo team already exists.
pub fn create_demo(
    store: &mut Store,
    questionnaire: &Questionnaire,
    dora: &DoraModel,
    now: DateTime<Utc>,
) -> Result<DemoSummary, StoreError> {
    let teams = devops_maturity_core::demo::generate(questionnaire, dora, 2026);
    for team in &teams {
        if store.team_by_name(&team.name)?.is_some() {
            return Err(StoreError::Conflict(format!(
                "the demo data already exists (team \"{}\")",
                team.name
            )));
        }
    }
    store.in_transaction(|store| {
        // The reports print the organisation on their cover; keep a name the user chose.
        if store.setting(crate::settings::ORGANISATION)?.is_none() {
            store.set_setting(
                crate::settings::ORGANISATION,
                devops_maturity_core::demo::ORGANISATION,
            )?;
        }
        let mut assessments = 0;
        for team in &teams {
            let row = store.create_team(&team.name, now - Duration::days(400))?;
            for a in &team.assessments {
                let completed = now - Duration::days(i64::from(a.days_ago));
                store.record_assessment(&NewAssessment {
                    team_id: row.id,
                    questionnaire,
                    respondents: &a.respondents,
                    choices: &a.choices,
                    dora_year: Some(dora.default_year),
                    dora: &a.dora,
                    facilitator: Some(&a.facilitator),
                    started_at: completed - Duration::hours(3),
                    completed_at: completed,
                })?;
                assessments += 1;
            }
        }
        Ok(DemoSummary {
            organisation: devops_maturity_core::demo::ORGANISATION.to_string(),
            teams: teams.len() as u32,
            assessments,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use devops_maturity_core::dora::{DoraModel, Metric, MetricKind};

    #[test]
    fn demo_data_is_created_once() {
        let mut store = Store::open_in_memory().unwrap();
        let q = crate::assessments::tests::questionnaire("1");
        let dora = DoraModel {
            default_year: 2024,
            note: String::new(),
            metrics: vec![Metric {
                id: "cfr".into(),
                name: "CFR".into(),
                group: String::new(),
                question: String::new(),
                kind: MetricKind::Percent,
            }],
            years: vec![],
        };
        let now = Utc::now();
        let summary = create_demo(&mut store, &q, &dora, now).unwrap();
        assert_eq!((summary.teams, summary.assessments), (4, 16));
        assert_eq!(store.teams().unwrap().len(), 4);
        let team = &store.teams().unwrap()[0];
        let history = store.assessments_of(team.id).unwrap();
        assert_eq!(history.len(), 4, "a year of quarterly assessments");
        assert!(history.iter().all(|a| a.status.is_completed()));
        assert!(
            create_demo(&mut store, &q, &dora, now).is_err(),
            "a second run is refused"
        );
        assert_eq!(store.teams().unwrap().len(), 4, "…and adds nothing");
    }
}
