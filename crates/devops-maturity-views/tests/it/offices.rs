//! Many facilitators, one leadership view (issue 16): ten offices each keep their own database
//! of 20 teams; one person imports the ten export files into a leadership database and gets
//! the roll-up of 200 teams. Every office has a group called "Retail" (mapped onto the first
//! one's), its own agenda setting (the stored one is kept), and one team name that another
//! office also used (renamed on import).

use std::collections::BTreeMap;

use devops_maturity_core::scoring::Choices;
use devops_maturity_core::{Answer, Respondent};
use devops_maturity_store::assessments::NewAssessment;
use devops_maturity_store::exchange::{parse_import, to_json, ImportChoices, ImportError, Scope};
use devops_maturity_store::Store;
use devops_maturity_views::organisation::{organisation, Scope as Teams};

use crate::fixture::{at, content};

/// Office `k`: teams "Office k team 1" … "Office k team 19" and "Payments" (a name every
/// office used), ten of them in "Retail"; each team with one completed assessment where five
/// people answer every question at level `1 + (k + team) % 5`.
fn office(k: u32) -> Vec<u8> {
    let content = content();
    let q = &content.assessment.questionnaire;
    let mut store = Store::open_in_memory().unwrap();
    let retail = store.create_group("Retail", at(1, 3, 8)).unwrap();
    store
        .set_setting("training.agenda", &format!("{{\"office\":{k}}}"))
        .unwrap();
    for t in 1..=20u32 {
        let name = if t == 20 {
            "Payments".to_string()
        } else {
            format!("Office {k} team {t}")
        };
        let team = store.create_team(&name, at(1, 3, 8)).unwrap();
        if t % 2 == 0 {
            store
                .move_team(team.id, Some(retail.id), at(1, 3, 8))
                .unwrap();
        }
        let level = (1 + (k + t) % 5) as u8;
        let respondents: Vec<Respondent> = (0..5)
            .map(|p| Respondent {
                name: format!("Person {p}"),
                answers: q
                    .questions
                    .iter()
                    .map(|x| (x.id.clone(), Answer::Level(level)))
                    .collect(),
                ..Respondent::default()
            })
            .collect();
        store
            .record_assessment(&NewAssessment {
                team_id: team.id,
                questionnaire: q,
                respondents: &respondents,
                choices: &Choices::default(),
                dora_year: None,
                dora: &BTreeMap::new(),
                facilitator: None,
                started_at: at(2, 11, 9),
                completed_at: at(2, 11, 12),
            })
            .unwrap();
    }
    to_json(&store.export(Scope::All).unwrap()).unwrap()
}

#[test]
fn ten_offices_export_one_leader_imports_and_sees_200_teams() {
    let files: Vec<Vec<u8>> = (0..10).map(office).collect();
    let mut leader = Store::open_in_memory().unwrap();

    // The first file goes in as it is.
    leader.import(&parse_import(&files[0]).unwrap()).unwrap();

    // The second clashes on the group, the setting and "Payments": a conflict, nothing changes.
    let second = parse_import(&files[1]).unwrap();
    let Err(ImportError::Conflicts(listed)) = leader.import(&second) else {
        panic!("a clash is a conflict without a choice");
    };
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(leader.teams().unwrap().len(), 20, "nothing was imported");

    // With explicit choices, every office goes in.
    for (k, bytes) in files.iter().enumerate().skip(1) {
        let choices = ImportChoices {
            map_groups: vec!["Retail".into()],
            rename_teams: vec![("Payments".into(), format!("Payments (office {k})"))],
            keep_settings: true,
            ..Default::default()
        };
        let report = leader
            .import_with(&parse_import(bytes).unwrap(), &choices)
            .unwrap();
        let teams = report.counts.iter().find(|c| c.kind == "teams").unwrap();
        assert_eq!((teams.added, teams.skipped), (20, 0), "office {k}");
    }
    assert_eq!(leader.teams().unwrap().len(), 200);
    assert_eq!(
        leader.groups().unwrap().len(),
        1,
        "one Retail for all offices"
    );
    assert_eq!(
        leader.setting("training.agenda").unwrap().as_deref(),
        Some("{\"office\":0}"),
        "the leader's own setting was kept"
    );

    // Importing everything again adds nothing.
    for (k, bytes) in files.iter().enumerate().skip(1) {
        let choices = ImportChoices {
            map_groups: vec!["Retail".into()],
            rename_teams: vec![("Payments".into(), format!("Payments (office {k})"))],
            keep_settings: true,
            ..Default::default()
        };
        // The same choices give the same records: all of them already there.
        let again = leader
            .import_with(&parse_import(bytes).unwrap(), &choices)
            .unwrap();
        assert_eq!(again.added(), 0, "office {k}: {again:?}");
    }

    let content = content();
    let org = organisation(
        &leader,
        &content.assessment.dora,
        &Teams::default(),
        devops_maturity_core::date::iso_date("2026-06-01").unwrap(),
        6,
    )
    .unwrap();
    let r = &org.rollup;
    assert_eq!((r.teams, r.assessed), (200, 200));
    assert_eq!(r.groups, [Some("Retail".to_string()), None]);
    // Levels 1–5 each held by 40 teams: office k, team t sits at 1 + (k + t) % 5.
    for d in &r.dimensions {
        assert_eq!(d.all.levels, [40, 40, 40, 40, 40], "{}", d.id);
        assert_eq!(d.all.missing, 0);
    }
    assert_eq!(r.coverage.stale.len(), 0, "every team assessed in November");
}
