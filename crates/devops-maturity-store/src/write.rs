//! Starting a write that reads first. SQLite starts `SAVEPOINT` and plain `BEGIN` as *deferred*
//! transactions: they take the write lock only at their first write, and when another program
//! has written since their first read SQLite refuses the upgrade at once (SQLITE_BUSY, without
//! waiting the busy timeout). [`begin`] takes the write lock first (`BEGIN IMMEDIATE`, which
//! waits), or nests as a savepoint inside a write already under way
//! ([`Store::in_transaction`](crate::Store::in_transaction)).

use std::ops::Deref;

use rusqlite::{Connection, Savepoint, Transaction, TransactionBehavior};

/// An all-or-nothing write: dropped without [`Write::commit`], it rolls back.
pub(crate) enum Write<'c> {
    Top(Transaction<'c>),
    Nested(Savepoint<'c>),
}

/// Begins a write on `conn`: immediate at the top level, a savepoint when nested.
pub(crate) fn begin(conn: &mut Connection) -> rusqlite::Result<Write<'_>> {
    if conn.is_autocommit() {
        Ok(Write::Top(conn.transaction_with_behavior(
            TransactionBehavior::Immediate,
        )?))
    } else {
        Ok(Write::Nested(conn.savepoint()?))
    }
}

impl Write<'_> {
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        match self {
            Write::Top(tx) => tx.commit(),
            Write::Nested(sp) => sp.commit(),
        }
    }
}

impl Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Write::Top(tx) => tx,
            Write::Nested(sp) => sp,
        }
    }
}
