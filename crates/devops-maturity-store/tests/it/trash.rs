//! Deletes on a real file: the automatic backup is taken before a bulk delete, and the trash
//! survives closing the store.

use chrono::Utc;
use devops_maturity_store::backup::list_backups;
use devops_maturity_store::trash::{delete_with_backup, Target};
use devops_maturity_store::Store;

use super::{flow_questionnaire, no_dora};

#[test]
fn a_bulk_delete_is_preceded_by_the_automatic_backup_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let mut store = Store::open(&path).unwrap();
    let q = flow_questionnaire();
    let dora = no_dora();
    devops_maturity_store::demo::create_demo(&mut store, &q, &dora, Utc::now()).unwrap();
    let lonely = store.create_team("Lonely", Utc::now()).unwrap();

    let one = delete_with_backup(
        &mut store,
        Target::Team { id: lonely.id },
        false,
        Utc::now(),
    )
    .unwrap();
    assert_eq!(one.backup, None, "one empty team is not a bulk delete");
    assert!(list_backups(&path).unwrap().is_empty());

    let demo = delete_with_backup(&mut store, Target::Demo, true, Utc::now()).unwrap();
    let backups = list_backups(&path).unwrap();
    assert_eq!(backups.len(), 1, "the demo removal is bulk: a backup first");
    assert_eq!(demo.backup.as_deref(), Some(backups[0].path.as_path()));
    let saved = Store::open(&backups[0].path).unwrap();
    assert_eq!(
        saved.teams().unwrap().len(),
        4,
        "the backup holds the demo teams"
    );
    drop(saved);
    assert!(store.teams().unwrap().is_empty());

    drop(store);
    let mut store = Store::open(&path).unwrap();
    let trash = store.trash().unwrap();
    assert_eq!(
        trash.len(),
        2,
        "the trash is in the database, so it survives a restart"
    );
    store.undo_delete(demo.trash_id).unwrap();
    assert_eq!(store.teams().unwrap().len(), 4);
}
