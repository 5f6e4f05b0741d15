//! infra/template.yaml is generated from the route table (`make template`) and declares exactly
//! its functions, routes, authorisation and permissions.

use nestling_domain::routes::{Auth, Trigger, FUNCTIONS};
use serde_yaml::Value;
use std::collections::BTreeSet;

fn template() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/template.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).expect("read template")).expect("parse template")
}

fn resources(t: &Value) -> &serde_yaml::Mapping {
    t.get("Resources").and_then(Value::as_mapping).expect("Resources")
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Sequence(items) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn the_template_is_what_the_route_table_generates() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/template.yaml");
    let committed = std::fs::read_to_string(path).expect("read template");
    let generated = nestling_local::template::render_committed_base().expect("render the template");
    assert!(committed == generated, "infra/template.yaml is out of date: run `make template` and commit it");
}

#[test]
fn the_template_declares_exactly_the_route_table() {
    let t = template();
    let declared: BTreeSet<String> = resources(&t)
        .iter()
        .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some("AWS::Serverless::Function"))
        .map(|(k, _)| k.as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = FUNCTIONS.iter().map(|f| f.logical_id()).collect();
    assert_eq!(declared, expected, "functions in the template vs the route table");

    for f in FUNCTIONS {
        let resource = &resources(&t)[f.logical_id().as_str()];
        let props = &resource["Properties"];
        assert_eq!(props["CodeUri"].as_str(), Some(format!("build/{}/", f.name).as_str()), "{}", f.name);
        assert_eq!(props["Handler"].as_str(), Some("bootstrap"));
        let events = props["Events"].as_mapping().expect("Events");
        assert_eq!(events.len(), 1, "{}: one trigger", f.name);
        let event = events.values().next().unwrap();
        match f.trigger {
            Trigger::Http { method, path, auth } => {
                assert_eq!(event["Type"].as_str(), Some("HttpApi"), "{}", f.name);
                assert_eq!(event["Properties"]["Method"].as_str(), Some(method), "{}", f.name);
                assert_eq!(event["Properties"]["Path"].as_str(), Some(path), "{}", f.name);
                let authorizer = event["Properties"]["Auth"]["Authorizer"].as_str();
                match auth {
                    Auth::Public => assert_eq!(authorizer, Some("NONE"), "{} is public", f.name),
                    Auth::Jwt => {
                        assert!(authorizer.is_none() || authorizer == Some("CognitoAuthorizer"), "{} needs the JWT authorizer", f.name)
                    }
                }
            }
            Trigger::TableStream { prefix, .. } => {
                assert_eq!(event["Type"].as_str(), Some("DynamoDB"), "{}", f.name);
                let pattern = event["Properties"]["FilterCriteria"]["Filters"][0]["Pattern"].as_str().unwrap_or_default();
                assert!(pattern.contains(&format!("{{\"prefix\": \"{prefix}\"}}")), "{}: the stream filter takes {prefix} only", f.name);
                assert!(pattern.contains("\"INSERT\""), "{}: inserts only", f.name);
            }
            Trigger::Schedule { cron } => {
                assert_eq!(event["Type"].as_str(), Some("Schedule"), "{}", f.name);
                assert_eq!(event["Properties"]["Schedule"].as_str(), Some(cron), "{}", f.name);
            }
            Trigger::EmailFeedback => {
                assert_eq!(event["Type"].as_str(), Some("SNS"), "{}", f.name);
                let topic = format!("{:?}", event["Properties"]["Topic"]);
                assert!(topic.contains("Ref") && topic.contains("EmailFeedbackTopic"), "{}: the feedback topic, not {topic}", f.name);
            }
            Trigger::MediaUpload => {
                assert_eq!(event["Type"].as_str(), Some("S3"), "{}", f.name);
                assert_eq!(event["Properties"]["Bucket"].as_str(), Some("MediaBucket"), "{}: the media bucket", f.name);
                let rules = &event["Properties"]["Filter"]["S3Key"]["Rules"][0];
                assert_eq!(
                    (rules["Name"].as_str(), rules["Value"].as_str()),
                    (Some("prefix"), Some("quarantine/")),
                    "{}: uploads only",
                    f.name
                );
            }
        }
        let mut actions = BTreeSet::new();
        if let Some(policies) = props.get("Policies").and_then(Value::as_sequence) {
            for policy in policies {
                let statements = policy.get("Statement").and_then(Value::as_sequence).expect("inline statements only");
                for s in statements {
                    assert_eq!(s["Effect"].as_str(), Some("Allow"));
                    actions.extend(strings(&s["Action"]));
                }
            }
        }
        let reaches_index = format!("{:?}", props.get("Policies")).contains("/index/*");
        assert_eq!(reaches_index, f.runtime.queries_index, "{}: only functions that query GSI1 reach it", f.name);
        let want: BTreeSet<String> = f.permissions.iter().map(|p| p.to_string()).collect();
        assert_eq!(actions, want, "{}: policy actions vs the route table's permissions", f.name);
    }
}

#[test]
fn jwt_routes_require_the_access_token_scope() {
    let t = template();
    let api = resources(&t).iter().find(|(_, r)| r.get("Type").and_then(Value::as_str) == Some("AWS::Serverless::HttpApi")).unwrap().1;
    let auth = &api["Properties"]["Auth"];
    assert_eq!(auth["DefaultAuthorizer"].as_str(), Some("CognitoAuthorizer"));
    let scopes = strings(&auth["Authorizers"]["CognitoAuthorizer"]["AuthorizationScopes"]);
    assert_eq!(scopes, vec!["aws.cognito.signin.user.admin".to_string()], "only access tokens carry this scope");
    // No JWT route overrides the authorizer or its scopes.
    for f in FUNCTIONS {
        if let Some((_, _, Auth::Jwt)) = f.http() {
            let event =
                resources(&t)[f.logical_id().as_str()]["Properties"]["Events"].as_mapping().unwrap().values().next().unwrap().clone();
            assert!(event["Properties"].get("Auth").is_none(), "{} must use the default authorizer and scope", f.name);
        }
    }
}

/// The text of a scalar, through a tag such as `!Sub`.
fn text(v: &Value) -> String {
    match v {
        Value::Tagged(tagged) => text(&tagged.value),
        other => other.as_str().unwrap_or_default().to_string(),
    }
}

/// A CSP as (directive, sources) pairs, in order.
fn directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_string);
            (words.next().unwrap_or_default(), words.collect())
        })
        .collect()
}

#[test]
fn cloudfront_sends_the_local_gateway_s_security_headers() {
    let t = template();
    let config = &resources(&t)["WebSecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"];
    let security = &config["SecurityHeadersConfig"];
    let emulator = "http://127.0.0.1:5055";
    let aws = directives(&text(&security["ContentSecurityPolicy"]["ContentSecurityPolicy"]));
    let local = directives(&nestling_local::web::content_security_policy(emulator));
    let names = |d: &[(String, Vec<String>)]| d.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&aws), names(&local), "the same directives in the same order");
    for ((name, aws_sources), (_, local_sources)) in aws.iter().zip(&local) {
        // Locally the emulator stands in for the AWS services the browser calls (Cognito, the
        // media bucket); the API is same-origin there.
        let aws_own: Vec<&String> = aws_sources.iter().filter(|s| !s.starts_with("https://")).collect();
        let local_own: Vec<&String> = local_sources.iter().filter(|s| s.as_str() != emulator).collect();
        assert_eq!(aws_own, local_own, "{name}");
        let aws_services = aws_sources.iter().any(|s| s.starts_with("https://"));
        assert_eq!(aws_services, local_sources.iter().any(|s| s == emulator), "{name}: AWS origins exactly where the emulator is allowed");
    }
    assert_eq!(security["FrameOptions"]["FrameOption"].as_str(), Some("DENY"));
    assert_eq!(security["ReferrerPolicy"]["ReferrerPolicy"].as_str(), Some("no-referrer"));
    assert!(security["ContentTypeOptions"].is_mapping(), "nosniff");
    let custom: Vec<(String, String)> = config["CustomHeadersConfig"]["Items"]
        .as_sequence()
        .expect("custom headers")
        .iter()
        .map(|h| (text(&h["Header"]).to_ascii_lowercase(), text(&h["Value"])))
        .collect();
    for (name, value) in nestling_local::web::SECURITY_HEADERS {
        match name {
            "x-content-type-options" | "referrer-policy" | "x-frame-options" => {} // security headers above
            _ => assert!(custom.contains(&(name.to_string(), value.to_string())), "{name}: {value} in {custom:?}"),
        }
    }

    let distribution = &resources(&t)["WebDistribution"]["Properties"]["DistributionConfig"];
    assert!(distribution.get("CustomErrorResponses").is_none(), "app routes are rewritten by the function, not error pages");
    let behaviour = &distribution["DefaultCacheBehavior"];
    assert!(format!("{:?}", behaviour["ResponseHeadersPolicyId"]).contains("WebSecurityHeaders"));
    assert!(format!("{:?}", behaviour["FunctionAssociations"]).contains("WebRewriteFunction"));
    assert_eq!(behaviour["ViewerProtocolPolicy"].as_str(), Some("redirect-to-https"));
}
