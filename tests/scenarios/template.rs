//! infra/template.yaml and its nested stacks (infra/stacks/) are generated from the route table
//! (`make template`) and declare exactly its functions, routes, authorisation and permissions,
//! each stack inside CloudFormation's resource limit.

use nestling_domain::routes::{Auth, Function, Trigger, FUNCTIONS};
use nestling_local::template::{areas, stack_id, ACCESS_TOKEN_SCOPE, STACKS_DIR};
use serde_yaml::Value;
use std::collections::BTreeSet;

fn infra(file: &str) -> String {
    format!("{}/../infra/{file}", env!("CARGO_MANIFEST_DIR"))
}

fn parse(file: &str) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(infra(file)).expect("read template")).expect("parse template")
}

fn template() -> Value {
    parse("template.yaml")
}

/// An area's nested stack.
fn stack(area: &str) -> Value {
    parse(&format!("{STACKS_DIR}/{area}.yaml"))
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

/// `!Ref X` as "Ref X", `!GetAtt X.Arn` as "GetAtt X.Arn", a plain scalar as itself.
fn reference(v: &Value) -> String {
    match v {
        Value::Tagged(tagged) => format!("{} {}", tagged.tag.to_string().trim_start_matches('!'), text(&tagged.value)),
        other => text(other),
    }
}

#[test]
fn the_template_is_what_the_route_table_generates() {
    let generated = nestling_local::template::render_committed_base().expect("render the templates");
    for (file, text) in &generated {
        let committed = std::fs::read_to_string(infra(file)).unwrap_or_default();
        assert!(committed == *text, "infra/{file} is out of date: run `make template` and commit it");
    }
    let stacks: BTreeSet<String> = std::fs::read_dir(infra(STACKS_DIR))
        .expect("infra/stacks")
        .map(|e| format!("{STACKS_DIR}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    let wanted: BTreeSet<String> = generated.iter().map(|(file, _)| file.clone()).filter(|f| f.starts_with(STACKS_DIR)).collect();
    assert_eq!(stacks, wanted, "infra/stacks holds a stack per area and nothing else: run `make template`");
}

/// The resources a stack has once the SAM transform has run: a function brings its execution
/// role, a schedule its rule and permission, a topic its subscription and permission, a table
/// stream its event source mapping.
fn deployed_resources(t: &Value) -> usize {
    resources(t)
        .values()
        .map(|r| match r["Type"].as_str() {
            Some("AWS::Serverless::Function") => {
                1 + 1
                    + r["Properties"]["Events"]
                        .as_mapping()
                        .map(|events| {
                            events
                                .values()
                                .map(|e| match e["Type"].as_str() {
                                    Some("Schedule") | Some("SNS") => 2,
                                    _ => 1,
                                })
                                .sum::<usize>()
                        })
                        .unwrap_or(0)
            }
            _ => 1,
        })
        .sum()
}

#[test]
fn every_stack_stays_inside_cloudformation_s_resource_limit() {
    // CloudFormation refuses a stack of more than 500 resources; keep room for an area to grow.
    const LIMIT: usize = 450;
    let parent = deployed_resources(&template());
    assert!(parent <= LIMIT, "the parent stack has {parent} resources");
    for area in areas() {
        let n = deployed_resources(&stack(area));
        assert!(n <= LIMIT, "the {area} stack would deploy {n} resources: split the area in the route table");
    }
    assert_eq!(
        resources(&template()).values().filter(|r| r["Type"].as_str() == Some("AWS::CloudFormation::Stack")).count(),
        areas().len(),
        "a nested stack per area"
    );
}

/// The HTTP route resources of a function's stack, checked and returned as the route.
fn route_of<'a>(t: &'a Value, f: &Function) -> &'a Value {
    let base = f.logical_id().trim_end_matches("Function").to_string();
    let r = resources(t);
    let integration = &r[format!("{base}Integration").as_str()]["Properties"];
    assert_eq!(integration["IntegrationType"].as_str(), Some("AWS_PROXY"), "{}", f.name);
    assert_eq!(reference(&integration["IntegrationUri"]), format!("GetAtt {}.Arn", f.logical_id()), "{}", f.name);
    assert_eq!(reference(&integration["ApiId"]), "Ref HttpApiId", "{}", f.name);
    let permission = &r[format!("{base}InvokePermission").as_str()]["Properties"];
    assert_eq!(permission["Principal"].as_str(), Some("apigateway.amazonaws.com"), "{}", f.name);
    assert_eq!(reference(&permission["FunctionName"]), format!("Ref {}", f.logical_id()), "{}", f.name);
    let route = &r[format!("{base}Route").as_str()]["Properties"];
    assert!(reference(&route["Target"]).contains(&format!("${{{base}Integration}}")), "{}", f.name);
    route
}

#[test]
fn the_template_declares_exactly_the_route_table() {
    let parent = template();
    for area in areas() {
        let t = stack(area);
        let declared: BTreeSet<String> = resources(&t)
            .iter()
            .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some("AWS::Serverless::Function"))
            .map(|(k, _)| k.as_str().unwrap().to_string())
            .collect();
        let expected: BTreeSet<String> = FUNCTIONS.iter().filter(|f| f.area == area).map(|f| f.logical_id()).collect();
        assert_eq!(declared, expected, "functions in the {area} stack vs the route table");
        let routes: BTreeSet<String> = resources(&t)
            .values()
            .filter(|r| r["Type"].as_str() == Some("AWS::ApiGatewayV2::Route"))
            .map(|r| text(&r["Properties"]["RouteKey"]))
            .collect();
        let expected_routes: BTreeSet<String> =
            FUNCTIONS.iter().filter(|f| f.area == area).filter_map(|f| f.http()).map(|(m, p, _)| format!("{m} {p}")).collect();
        assert_eq!(routes, expected_routes, "routes in the {area} stack vs the route table");
        // What the parent passes is what the stack asks for (cfn-lint's E3043 checks it too).
        let passed: BTreeSet<String> = resources(&parent)[stack_id(area).as_str()]["Properties"]["Parameters"]
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_string())
            .collect();
        let asked: BTreeSet<String> = t["Parameters"].as_mapping().unwrap().keys().map(|k| k.as_str().unwrap().to_string()).collect();
        assert_eq!(passed, asked, "the {area} stack's parameters");
    }

    for f in FUNCTIONS {
        let t = stack(f.area);
        let resource = &resources(&t)[f.logical_id().as_str()];
        let props = &resource["Properties"];
        assert_eq!(props["CodeUri"].as_str(), Some(format!("../build/{}/", f.name).as_str()), "{}", f.name);
        assert_eq!(props["Handler"].as_str(), Some("bootstrap"));
        let events = props.get("Events").and_then(Value::as_mapping);
        let event = || {
            let events = events.expect("Events");
            assert_eq!(events.len(), 1, "{}: one trigger", f.name);
            events.values().next().unwrap().clone()
        };
        match f.trigger {
            Trigger::Http { method, path, .. } => {
                assert!(events.is_none(), "{}: its route is written out, on the parent's API", f.name);
                assert_eq!(route_of(&t, f)["RouteKey"].as_str(), Some(format!("{method} {path}").as_str()), "{}", f.name);
            }
            Trigger::TableStream { prefix, .. } => {
                let event = event();
                assert_eq!(event["Type"].as_str(), Some("DynamoDB"), "{}", f.name);
                assert_eq!(reference(&event["Properties"]["Stream"]), "Ref TableStreamArn", "{}", f.name);
                let pattern = event["Properties"]["FilterCriteria"]["Filters"][0]["Pattern"].as_str().unwrap_or_default();
                assert!(pattern.contains(&format!("{{\"prefix\": \"{prefix}\"}}")), "{}: the stream filter takes {prefix} only", f.name);
                assert!(pattern.contains("\"INSERT\""), "{}: inserts only", f.name);
            }
            Trigger::Schedule { cron } => {
                let event = event();
                assert_eq!(event["Type"].as_str(), Some("Schedule"), "{}", f.name);
                assert_eq!(event["Properties"]["Schedule"].as_str(), Some(cron), "{}", f.name);
            }
            Trigger::EmailFeedback => {
                let event = event();
                assert_eq!(event["Type"].as_str(), Some("SNS"), "{}", f.name);
                assert_eq!(reference(&event["Properties"]["Topic"]), "Ref EmailFeedbackTopicArn", "{}", f.name);
                let passed = &resources(&parent)[stack_id(f.area).as_str()]["Properties"]["Parameters"]["EmailFeedbackTopicArn"];
                assert_eq!(reference(passed), "Ref EmailFeedbackTopic", "{}: the feedback topic", f.name);
            }
            Trigger::MediaUpload => {
                assert!(events.is_none(), "{}: the bucket is the parent's", f.name);
                let notification = &resources(&parent)["MediaBucket"]["Properties"]["NotificationConfiguration"]["LambdaConfigurations"];
                let config = notification
                    .as_sequence()
                    .expect("the media bucket's notifications")
                    .iter()
                    .find(|c| reference(&c["Function"]) == format!("GetAtt {}.Outputs.{}Arn", stack_id(f.area), f.logical_id()))
                    .unwrap_or_else(|| panic!("{}: the media bucket notifies it", f.name));
                let rules = &config["Filter"]["S3Key"]["Rules"][0];
                assert_eq!(
                    (rules["Name"].as_str(), rules["Value"].as_str()),
                    (Some("prefix"), Some("quarantine/")),
                    "{}: uploads only",
                    f.name
                );
                let base = f.logical_id().trim_end_matches("Function").to_string();
                let permission = &resources(&t)[format!("{base}UploadPermission").as_str()]["Properties"];
                assert_eq!(permission["Principal"].as_str(), Some("s3.amazonaws.com"), "{}", f.name);
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
    let parent = template();
    let authorizer = &resources(&parent)["CognitoAuthorizer"]["Properties"];
    assert_eq!(authorizer["AuthorizerType"].as_str(), Some("JWT"));
    assert_eq!(reference(&authorizer["ApiId"]), "Ref HttpApi");
    assert_eq!(strings(&authorizer["IdentitySource"]), vec!["$request.header.Authorization".to_string()]);
    assert_eq!(reference(&authorizer["JwtConfiguration"]["Audience"][0]), "Ref AppClient", "the app's client id");
    for f in FUNCTIONS {
        let Some((_, _, auth)) = f.http() else { continue };
        let t = stack(f.area);
        let route = route_of(&t, f);
        match auth {
            Auth::Public | Auth::Device => {
                assert_eq!(route["AuthorizationType"].as_str(), Some("NONE"), "{} is public", f.name);
                assert!(route.get("AuthorizerId").is_none(), "{}", f.name);
            }
            Auth::Jwt => {
                assert_eq!(route["AuthorizationType"].as_str(), Some("JWT"), "{} needs the JWT authorizer", f.name);
                assert_eq!(reference(&route["AuthorizerId"]), "Ref AuthorizerId", "{}", f.name);
                // Only access tokens carry this scope: ID tokens are refused.
                assert_eq!(strings(&route["AuthorizationScopes"]), vec![ACCESS_TOKEN_SCOPE.to_string()], "{}", f.name);
                let passed = &resources(&parent)[stack_id(f.area).as_str()]["Properties"]["Parameters"]["AuthorizerId"];
                assert_eq!(reference(passed), "Ref CognitoAuthorizer", "{}: the parent's authorizer", f.name);
            }
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
