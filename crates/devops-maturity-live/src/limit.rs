//! Token buckets for the rate limits: per address, per address for joins, per participant.
//! Time is passed in, so the rules are tested without sleeping.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::Instant;

/// A burst of `burst` requests, then `per_second` more each second.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub burst: u32,
    pub per_second: u32,
}

impl Rate {
    pub const fn new(burst: u32, per_second: u32) -> Rate {
        Rate { burst, per_second }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Buckets by key. The map holds at most `max_keys` buckets: when full, buckets that have
/// refilled completely are dropped (they carry no information); if none has, a new key is
/// refused, which keeps a flood of addresses from growing memory without end.
#[derive(Debug)]
pub struct Limiter<K> {
    rate: Rate,
    max_keys: usize,
    buckets: HashMap<K, Bucket>,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    pub fn new(rate: Rate, max_keys: usize) -> Limiter<K> {
        Limiter {
            rate,
            max_keys,
            buckets: HashMap::new(),
        }
    }

    fn refill(rate: Rate, bucket: &mut Bucket, now: Instant) {
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens =
            (bucket.tokens + elapsed * f64::from(rate.per_second)).min(f64::from(rate.burst));
        bucket.at = now;
    }

    /// Takes one token for `key`; `false` when the key has none left (or no room is left for
    /// a new key).
    pub fn allow(&mut self, key: &K, now: Instant) -> bool {
        let rate = self.rate;
        if !self.buckets.contains_key(key) {
            if self.buckets.len() >= self.max_keys {
                self.buckets.retain(|_, b| {
                    Self::refill(rate, b, now);
                    b.tokens < f64::from(rate.burst)
                });
                if self.buckets.len() >= self.max_keys {
                    return false;
                }
            }
            self.buckets.insert(
                key.clone(),
                Bucket {
                    tokens: f64::from(rate.burst),
                    at: now,
                },
            );
        }
        let bucket = self.buckets.get_mut(key).expect("inserted above");
        Self::refill(rate, bucket, now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_then_the_refill_rate() {
        let t0 = Instant::now();
        let mut l = Limiter::new(Rate::new(3, 2), 10);
        let allowed = (0..5).filter(|_| l.allow(&"a", t0)).count();
        assert_eq!(allowed, 3, "the burst is 3");
        assert!(l.allow(&"b", t0), "another key has its own bucket");
        assert!(
            !l.allow(&"a", t0 + Duration::from_millis(100)),
            "0.2 tokens is not one"
        );
        assert!(
            l.allow(&"a", t0 + Duration::from_millis(500)),
            "one token after half a second at 2/s"
        );
        let later = t0 + Duration::from_secs(60);
        let allowed = (0..10).filter(|_| l.allow(&"a", later)).count();
        assert_eq!(allowed, 3, "refill never exceeds the burst");
    }

    #[test]
    fn a_flood_of_keys_is_bounded() {
        let t0 = Instant::now();
        let mut l = Limiter::new(Rate::new(2, 1), 3);
        for k in 0..3 {
            assert!(l.allow(&k, t0));
        }
        assert!(
            !l.allow(&99, t0),
            "a fourth key while three buckets are in use is refused"
        );
        assert!(
            l.allow(&99, t0 + Duration::from_secs(5)),
            "refilled buckets make room"
        );
        assert!(l.buckets.len() <= 3, "never more than max_keys buckets");
    }
}
