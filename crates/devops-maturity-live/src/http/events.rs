//! The event stream a phone listens to: hello, mode changes, practice claims, removal, the end.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;

use crate::room::Mode;
use crate::serve::Push;

use super::extract::participant;
use super::{refuse, Shared_};

/// Counts a participant's open event streams; the count drops with the stream.
struct StreamGuard {
    shared: Shared_,
    id: u32,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        if let Some(p) = self.shared.room().participant_mut(self.id) {
            p.streams = p.streams.saturating_sub(1);
        }
    }
}

enum Stage {
    Hello(Mode),
    Live,
    Done,
}

pub(super) async fn events(State(shared): State<Shared_>, request: Request) -> Response {
    let token = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .unwrap_or("")
        .to_string();
    let (id, _, _) = match participant(&shared, &token) {
        Ok(p) => p,
        Err(r) => return refuse(r),
    };
    let (rx, mode) = {
        let mut room = shared.room();
        if let Some(p) = room.participant_mut(id) {
            p.streams += 1;
        }
        (shared.events.subscribe(), room.mode.clone())
    };
    let guard = StreamGuard {
        shared: shared.clone(),
        id,
    };
    let stream = futures_util::stream::unfold(
        (rx, Stage::Hello(mode), guard),
        |(mut rx, stage, guard)| async move {
            let event = match stage {
                Stage::Done => return None,
                Stage::Hello(mode) => {
                    let e = Event::default()
                        .event("hello")
                        .retry(Duration::from_secs(2))
                        .json_data(&mode)
                        .ok()?;
                    return Some((Ok::<_, Infallible>(e), (rx, Stage::Live, guard)));
                }
                Stage::Live => loop {
                    match rx.recv().await {
                        Ok(Push::Mode(mode)) => {
                            break (
                                Event::default().event("mode").json_data(&mode).ok()?,
                                Stage::Live,
                            )
                        }
                        Ok(Push::Removed(who)) if who == guard.id => {
                            break (
                                Event::default().event("removed").data("removed"),
                                Stage::Done,
                            )
                        }
                        Ok(Push::Removed(_)) => continue,
                        Ok(Push::Practice) => {
                            break (
                                Event::default().event("practice").data("practice"),
                                Stage::Live,
                            )
                        }
                        Ok(Push::Ended) | Err(broadcast::error::RecvError::Closed) => {
                            break (Event::default().event("ended").data("ended"), Stage::Done)
                        }
                        // Missed pushes: the page reloads its state.
                        Err(broadcast::error::RecvError::Lagged(_)) => {
                            break (Event::default().event("resync").data("resync"), Stage::Live)
                        }
                    }
                },
            };
            Some((Ok(event.0), (rx, event.1, guard)))
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}
