//! A workshop made, changed and joined as the app's forms do it.

use devops_maturity_content::AgendaEdits;
use devops_maturity_store::Store;
use devops_maturity_views::workshop::{self, Details, Joining};

use crate::fixture::{at, content};

#[test]
fn a_workshop_is_created_updated_and_joined_from_the_forms() {
    let content = content();
    let mut store = Store::open_in_memory().unwrap();
    let details = Details::new("Spring day".into(), "2026-05-12".into(), None, None);
    let none = AgendaEdits::default();
    let w = workshop::create(&mut store, &content, &details, &none, at(1, 5, 9)).unwrap();
    assert_eq!(
        w.agenda_edits, None,
        "an unedited agenda is the authored day"
    );
    assert_eq!(workshop::agenda_json(&content, &none), None);

    let renamed = Details::new(
        "Autumn day".into(),
        "2026-10-01".into(),
        Some("Marta".into()),
        None,
    );
    let w2 = workshop::update(&mut store, &content, w.id, &renamed, None).unwrap();
    assert_eq!(
        (w2.name.as_str(), w2.held_on.to_string().as_str()),
        ("Autumn day", "2026-10-01")
    );
    let bad = Details::new("Autumn day".into(), "2026-02-31".into(), None, None);
    assert!(
        workshop::update(&mut store, &content, w.id, &bad, None).is_err(),
        "no 31 February"
    );

    let err = Joining::from_form(None, Some("   ")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "choose a team or type the name of a new one"
    );
    let people = ["Ann".to_string()];
    let joining = Joining::from_form(None, Some(" Booking ")).unwrap();
    let page =
        workshop::add_team(&mut store, &content, w.id, (joining, &people), at(1, 5, 10)).unwrap();
    assert_eq!(page.detail.teams.len(), 1, "the new team joined");
    assert_eq!(store.teams().unwrap()[0].name, "Booking", "trimmed");
    let team = store.teams().unwrap()[0].id;
    let again = Joining::from_form(Some(team), Some("ignored")).unwrap();
    assert!(
        workshop::add_team(&mut store, &content, w.id, (again, &people), at(1, 5, 11)).is_err(),
        "a team joins a workshop once"
    );
}

#[test]
fn practice_answers_plans_and_a_live_workshop_refuse_what_they_must() {
    use devops_maturity_store::trash::{self, Target};
    use devops_maturity_views::{plan, practice};

    let content = content();
    let mut f = crate::fixture::fixed(&content);
    let q = &content.assessment.questionnaire;
    let group = f.store.workshop(f.workshop).unwrap().teams[0].id;
    practice::save_answer(
        &mut f.store,
        q,
        (group, "flow-1"),
        "dont-know",
        at(23, 11, 12),
    )
    .unwrap();
    for (bad, says) in [
        ("7", "`7` is not a practice answer"),
        ("not-applicable", "a practice answer is a level from 1 to 5"),
    ] {
        let err = practice::save_answer(&mut f.store, q, (group, "flow-1"), bad, at(23, 11, 12));
        let err = err.unwrap_err().to_string();
        assert!(err.contains(says), "{bad}: {err}");
    }

    // The spring assessment is completed: a plan is proposed once, then only regenerated.
    let spring = f
        .store
        .assessments_of(f.booking)
        .unwrap()
        .into_iter()
        .find(|a| a.completed_at.is_some())
        .unwrap()
        .id;
    plan::generate(
        &mut f.store,
        &content.assessment,
        spring,
        false,
        at(23, 11, 12),
    )
    .unwrap();
    assert!(plan::generate(
        &mut f.store,
        &content.assessment,
        spring,
        false,
        at(23, 11, 13)
    )
    .is_err());
    plan::generate(
        &mut f.store,
        &content.assessment,
        spring,
        true,
        at(23, 11, 13),
    )
    .unwrap();

    let team = Target::Team { id: f.booking };
    let err = trash::delete_unless_live(&mut f.store, team, true, Some(f.workshop), at(23, 11, 14))
        .unwrap_err();
    assert!(err.to_string().contains("live session"), "{err}");
    assert_eq!(f.store.teams().unwrap().len(), 2, "nothing was deleted");
    trash::delete_unless_live(&mut f.store, team, true, None, at(23, 11, 14)).unwrap();
    assert_eq!(
        f.store.teams().unwrap().len(),
        1,
        "deleted once the session ended"
    );
}
