//! Staff remote access (rule 8): a setting's premises are the networks it registers; a staff
//! request from anywhere else is off premises. Off premises, staff need a current attestation
//! (confidentiality, security software, their own device), and practitioners see only their
//! key children whose parents consented to remote access. Pure: the caller's address comes
//! from the API Gateway event.

use ipnet::IpNet;
use std::net::IpAddr;
use time::{Duration, OffsetDateTime};

/// At most this many premises networks per setting (a building has a handful).
pub const MAX_NETWORKS: usize = 20;
/// An attestation lasts a year (12 months of 365 days; a leap year loses a day).
pub const ATTESTATION_VALID_DAYS: i64 = 365;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetworkError {
    #[error("networks: {0} is not a network in CIDR form, such as 203.0.113.0/24")]
    NotCidr(String),
    #[error("networks: {0} is wider than a /16 (IPv4) or /32 (IPv6); register the premises' own networks")]
    TooWide(String),
    #[error("networks: at most {MAX_NETWORKS}")]
    TooMany,
}

/// The networks as the setting registers them: each a CIDR, no wider than /16 (IPv4) or /32
/// (IPv6) so that "the internet" can never be registered as premises; normalised and deduplicated.
pub fn parse_networks(raw: &[String]) -> Result<Vec<IpNet>, NetworkError> {
    if raw.len() > MAX_NETWORKS {
        return Err(NetworkError::TooMany);
    }
    let mut out: Vec<IpNet> = Vec::new();
    for text in raw {
        let net: IpNet = text.trim().parse().map_err(|_| NetworkError::NotCidr(text.clone()))?;
        let too_wide = match net {
            IpNet::V4(n) => n.prefix_len() < 16,
            IpNet::V6(n) => n.prefix_len() < 32,
        };
        if too_wide {
            return Err(NetworkError::TooWide(text.clone()));
        }
        let net = net.trunc();
        if !out.contains(&net) {
            out.push(net);
        }
    }
    Ok(out)
}

/// Whether a request from `source` is on the premises. No registered networks, or no known
/// source address, means off premises: the safe answer.
pub fn on_premises(networks: &[String], source: Option<&str>) -> bool {
    let Some(ip) = source.and_then(|s| s.trim().parse::<IpAddr>().ok()) else { return false };
    // An IPv4 address written as IPv6 (::ffff:a.b.c.d) is the same address.
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    };
    networks.iter().filter_map(|n| n.parse::<IpNet>().ok()).any(|n| n.contains(&ip))
}

/// Whether an attestation made at `attested_at` still holds at `now`.
pub fn attestation_current(attested_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    attested_at <= now + Duration::minutes(5) && now < attestation_expires(attested_at)
}

pub fn attestation_expires(attested_at: OffsetDateTime) -> OffsetDateTime {
    attested_at + Duration::days(ATTESTATION_VALID_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    fn nets(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn addresses_inside_registered_networks_are_on_premises() {
        let premises = nets(&["203.0.113.0/24", "2001:db8:10::/48"]);
        assert!(on_premises(&premises, Some("203.0.113.77")));
        assert!(on_premises(&premises, Some("::ffff:203.0.113.77")));
        assert!(on_premises(&premises, Some("2001:db8:10:4::1")));
        assert!(!on_premises(&premises, Some("203.0.114.1")));
        assert!(!on_premises(&premises, Some("2001:db8:11::1")));
        assert!(!on_premises(&premises, None), "no address: off premises");
        assert!(!on_premises(&premises, Some("not-an-ip")));
        assert!(!on_premises(&[], Some("203.0.113.77")), "nothing registered: off premises");
    }

    #[test]
    fn networks_are_checked_and_normalised() {
        assert_eq!(parse_networks(&nets(&["203.0.113.9/24", "203.0.113.0/24"])).unwrap().len(), 1);
        assert_eq!(parse_networks(&nets(&["203.0.113.9/24"])).unwrap()[0].to_string(), "203.0.113.0/24");
        assert!(matches!(parse_networks(&nets(&["0.0.0.0/0"])), Err(NetworkError::TooWide(_))));
        assert!(matches!(parse_networks(&nets(&["::/0"])), Err(NetworkError::TooWide(_))));
        assert!(matches!(parse_networks(&nets(&["203.0.113.1"])), Err(NetworkError::NotCidr(_))));
        assert!(matches!(parse_networks(&nets(&["nursery wifi"])), Err(NetworkError::NotCidr(_))));
        assert!(matches!(parse_networks(&vec!["10.0.0.0/24".to_string(); 21]), Err(NetworkError::TooMany)));
    }

    #[test]
    fn an_attestation_lasts_twelve_months() {
        let at = datetime!(2026-11-30 09:00 UTC);
        assert!(attestation_current(at, datetime!(2027-11-29 09:00 UTC)));
        assert!(!attestation_current(at, datetime!(2027-11-30 09:00 UTC)));
        assert!(!attestation_current(datetime!(2027-01-01 00:00 UTC), at), "not from the future");
    }

    proptest! {
        #[test]
        fn an_address_is_on_premises_exactly_when_a_network_contains_it(a in any::<u32>(), b in any::<u32>(), len in 16u8..=32) {
            let net = ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(a), len).unwrap().trunc();
            let ip = std::net::Ipv4Addr::from(b);
            let mask = if len == 32 { u32::MAX } else { !(u32::MAX >> len) };
            let inside = (u32::from(ip) & mask) == u32::from(net.network());
            prop_assert_eq!(on_premises(&[net.to_string()], Some(&ip.to_string())), inside);
        }
    }
}
