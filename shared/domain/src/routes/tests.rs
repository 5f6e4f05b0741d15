use super::*;
use std::collections::HashSet;

#[test]
fn names_and_routes_are_unique() {
    let names: HashSet<_> = FUNCTIONS.iter().map(|f| f.name).collect();
    assert_eq!(names.len(), FUNCTIONS.len());
    let routes: HashSet<_> = FUNCTIONS.iter().filter_map(|f| f.http()).map(|(m, p, _)| (m, p)).collect();
    assert_eq!(routes.len(), FUNCTIONS.iter().filter(|f| f.http().is_some()).count());
}

#[test]
fn every_route_is_versioned_and_permissions_are_sorted() {
    for f in FUNCTIONS {
        if let Some((_, path, _)) = f.http() {
            assert!(path.starts_with("/v1/"), "{}", f.name);
        }
        let mut sorted = f.permissions.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, f.permissions, "{}: keep permissions sorted and unique", f.name);
    }
}

#[test]
fn routing_finds_functions_and_parameters() {
    let (f, params) = route("POST", "/v1/settings/s1/staff/u9/revoke").unwrap();
    assert_eq!(f.name, "staff-revoke");
    assert_eq!(params, vec![("settingId".into(), "s1".into()), ("userId".into(), "u9".into())]);
    assert_eq!(route("GET", "/v1/settings/s1").unwrap().0.name, "settings-get");
    assert_eq!(route("POST", "/v1/settings").unwrap().0.name, "settings-create");
    assert!(route("DELETE", "/v1/settings/s1").is_none());
    assert!(route("GET", "/v1/settings//rooms").is_none());
    assert!(route("GET", "/v2/health").is_none());
    assert_eq!(f.logical_id(), "StaffRevokeFunction");
}

#[test]
fn runtimes_say_what_the_template_needs() {
    for f in FUNCTIONS {
        let r = f.runtime;
        let http = f.http().is_some();
        assert_eq!(r.purpose.is_none(), http, "{}: only functions without a route say what they do", f.name);
        assert_eq!(r.dead_letters.is_none(), http, "{}: asynchronous and stream functions keep their failures", f.name);
        if let Some(queue) = r.dead_letters {
            assert!(queue.ends_with("DeadLetterQueue"), "{}: {queue}", f.name);
        }
        let uses_s3 = f.permissions.iter().any(|p| p.starts_with("s3:"));
        assert_eq!(uses_s3, !r.media_prefixes.is_empty(), "{}: S3 actions name the prefixes they reach", f.name);
        assert!(r.media_prefixes.iter().all(|p| p.ends_with('/') && !p.starts_with('/')), "{}", f.name);
        if r.queries_index {
            assert!(f.permissions.contains(&"dynamodb:Query"), "{}: querying the index needs dynamodb:Query", f.name);
        }
        assert_eq!(r.sizing.is_some(), r.memory_mb != Runtime::API.memory_mb || r.timeout_s != Runtime::API.timeout_s, "{}", f.name);
        assert!(r.concurrency >= 1 && r.timeout_s <= 900 && (128..=10240).contains(&r.memory_mb), "{}", f.name);
    }
}
