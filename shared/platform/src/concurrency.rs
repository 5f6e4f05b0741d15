//! The one concurrency policy. Every change is a conditional write under the versions it read,
//! so two changes can never both win and a lost race never becomes an overwrite. What happens
//! to the loser depends on who decided:
//! - **a person edited a record they read** (a child's details, an observation): they send the
//!   version they saw as `If-Match` (`http::if_match`), and a stale one gets 409 to reload and
//!   look again; the server does not decide for them;
//! - **the server decides from the current state** (attendance, clocking, the diary,
//!   medicine, accidents, absences, a fault's confirmation, lockdown, a breach's decisions):
//!   the use case reads, decides and writes in one attempt, and `with_retries` runs the
//!   attempt again, up to `ATTEMPTS` times, when another change to the same items won; the
//!   answer then follows the new state (an already-fixed fault says so). Still losing after that is 409 `busy`.

use crate::http::{ApiResult, Problem};
use crate::store::StoreError;
use lambda_http::{Body, Response};
use std::future::Future;

/// How often a server-decided change is tried when another change won the race.
pub const ATTEMPTS: usize = 3;

/// Why one attempt at a server-decided change did not answer.
#[derive(Debug)]
pub enum Retry {
    /// Another change to the same items won: read again and decide again.
    LostRace,
    Answer(Problem),
}

impl From<Problem> for Retry {
    fn from(problem: Problem) -> Self {
        Retry::Answer(problem)
    }
}

impl From<StoreError> for Retry {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict { .. } => Retry::LostRace,
            other => Retry::Answer(other.into()),
        }
    }
}

pub fn busy() -> Problem {
    Problem::conflict("busy", "Others are changing this at the same moment; try again")
}

/// Runs `attempt` (read, decide, write under the versions read) until no other change to the
/// same items beats it, at most `ATTEMPTS` times.
pub async fn with_retries<F, Fut>(mut attempt: F) -> ApiResult<Response<Body>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Response<Body>, Retry>>,
{
    for _ in 0..ATTEMPTS {
        match attempt().await {
            Err(Retry::LostRace) => continue,
            Err(Retry::Answer(problem)) => return Err(problem),
            Ok(response) => return Ok(response),
        }
    }
    Err(busy())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn ok() -> Response<Body> {
        Response::new(Body::Empty)
    }

    #[tokio::test]
    async fn a_lost_race_is_decided_again_and_then_answers() {
        let tries = AtomicUsize::new(0);
        let answer = with_retries(|| async {
            if tries.fetch_add(1, Ordering::SeqCst) == 0 {
                Err(Retry::from(StoreError::Conflict { failed: vec![true] }))
            } else {
                Ok(ok())
            }
        })
        .await;
        assert!(answer.is_ok());
        assert_eq!(tries.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn always_losing_is_busy_after_the_last_attempt_never_an_overwrite() {
        let tries = AtomicUsize::new(0);
        let answer = with_retries(|| async {
            tries.fetch_add(1, Ordering::SeqCst);
            Err::<Response<Body>, _>(Retry::LostRace)
        })
        .await;
        assert_eq!(answer.err().map(|p| p.status), Some(409));
        assert_eq!(tries.load(Ordering::SeqCst), ATTEMPTS);
    }

    #[tokio::test]
    async fn a_refusal_answers_at_once() {
        let tries = AtomicUsize::new(0);
        let answer = with_retries(|| async {
            tries.fetch_add(1, Ordering::SeqCst);
            Err::<Response<Body>, _>(Retry::from(Problem::invalid("no")))
        })
        .await;
        assert_eq!(answer.err().map(|p| p.status), Some(422));
        assert_eq!(tries.load(Ordering::SeqCst), 1);
        assert!(matches!(Retry::from(StoreError::Unavailable("down".into())), Retry::Answer(_)));
    }
}
