//! Rule 15 (issue 17, finding 1): a member of staff, a manager or an operator without an
//! authenticator may do nothing but enrol one; enrolling takes a real code from the app; from
//! then on every sign-in asks for one. The emulator checks codes as Cognito does.

use aws_sdk_cognitoidentityprovider as cognito;
use nestling_local::provision::Stack;
use nestling_local::totp;
use nestling_tests::{spawn_app, unique, PASSWORD};
use serde_json::json;

#[tokio::test]
async fn staff_without_an_authenticator_do_nothing_until_they_enrol_one_with_a_real_code() {
    let t = spawn_app().await;
    let (setting_id, manager) = t.setting().await;
    // A second manager, invited and signed in with a password alone.
    let newcomer = t.staff_without_mfa(&setting_id, &manager, "manager").await;
    let children = format!("/v1/settings/{setting_id}/children");
    let (status, problem) = t.call("GET", &children, Some(&newcomer), None).await;
    assert_eq!((status, problem["type"].as_str().unwrap().rsplit('/').next()), (403, Some("mfa-required")), "{problem}");
    let (status, me) = t.call("GET", "/v1/me", Some(&newcomer), None).await;
    assert_eq!((status, &me["mfa"]["required"], &me["mfa"]["enrolled"]), (200, &json!(true), &json!(false)), "{me}");

    let (status, started) = t.call("POST", "/v1/me/mfa/totp", Some(&newcomer), None).await;
    assert_eq!(status, 200, "{started}");
    let secret = started["secretCode"].as_str().unwrap().to_string();
    assert!(started["otpauthUri"].as_str().unwrap().starts_with("otpauth://totp/Nestling%3A"), "{started}");
    let code = totp::code_now(&secret).await.unwrap();
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    for bad in [wrong.as_str(), "12345", "abcdef"] {
        let (status, problem) = t.call("POST", "/v1/me/mfa/totp/confirm", Some(&newcomer), Some(json!({ "code": bad }))).await;
        assert_eq!(status, 422, "{bad}: {problem}");
    }
    let (status, _) = t.call("GET", &children, Some(&newcomer), None).await;
    assert_eq!(status, 403, "a wrong code enrols nothing");

    let (status, enrolled) = t.call("POST", "/v1/me/mfa/totp/confirm", Some(&newcomer), Some(json!({ "code": code }))).await;
    assert_eq!((status, &enrolled["enrolled"]), (200, &json!(true)), "{enrolled}");
    let (status, list) = t.call("GET", &children, Some(&newcomer), None).await;
    assert_eq!(status, 200, "enrolled, the same session carries on: {list}");

    // From now on a password alone gets a challenge, not tokens; only the right code passes.
    let client = cognito::Client::new(&Stack::sdk_config(&t.stack.endpoint));
    let started = client
        .initiate_auth()
        .client_id(&t.stack.app_client_id)
        .auth_flow(cognito::types::AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", &newcomer.email)
        .auth_parameters("PASSWORD", PASSWORD)
        .send()
        .await
        .unwrap();
    assert!(started.authentication_result.is_none(), "no tokens for a password alone");
    assert_eq!(started.challenge_name, Some(cognito::types::ChallengeNameType::SoftwareTokenMfa));
    let answer = |code: String| {
        client
            .respond_to_auth_challenge()
            .client_id(&t.stack.app_client_id)
            .challenge_name(cognito::types::ChallengeNameType::SoftwareTokenMfa)
            .set_session(started.session.clone())
            .challenge_responses("USERNAME", &newcomer.email)
            .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", code)
            .send()
    };
    let code = totp::code_now(&secret).await.unwrap();
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    assert!(answer(wrong).await.is_err(), "a wrong code is refused");
    let tokens = answer(code).await.expect("the right code signs in").authentication_result.expect("tokens");
    assert!(tokens.access_token.is_some());
}

#[tokio::test]
async fn an_operator_needs_an_authenticator_and_families_are_not_asked_for_one() {
    let t = spawn_app().await;
    let email = format!("{}@ops.test", unique("op"));
    let user_id = nestling_local::seed::create_operator(&t.stack, &email, PASSWORD).await.unwrap();
    let token = nestling_local::provision::sign_in(&t.stack, &email, PASSWORD).await.unwrap().access_token;
    let operator = nestling_tests::Person { user_id, email, token };
    let body = json!({
        "name": "Little Acorns", "timezone": "Europe/London", "agreementText": "Be kind with data.",
        "manager": { "email": format!("{}@acorns.test", unique("m")), "name": "Maya Manager" }
    });
    let items = t.item_count().await;
    let (status, problem) = t.call("POST", "/v1/settings", Some(&operator), Some(body.clone())).await;
    assert_eq!((status, problem["type"].as_str().unwrap().rsplit('/').next()), (403, Some("mfa-required")), "{problem}");
    assert_eq!(t.item_count().await, items, "nothing written");
    let operator = t.enrol(operator).await;
    let (status, made) = t.call("POST", "/v1/settings", Some(&operator), Some(body)).await;
    assert_eq!(status, 201, "{made}");

    let (setting_id, manager) = t.setting().await;
    let room = t.room(&setting_id, &manager).await;
    let child = t.child(&setting_id, &manager, &room, &manager.user_id).await;
    let parent = t.guardian(&setting_id, &manager, &child, "parent", true).await;
    let (status, me) = t.call("GET", "/v1/me", Some(&parent), None).await;
    assert_eq!((status, &me["mfa"]["required"]), (200, &json!(false)), "{me}");
    let (status, _) = t.call("GET", &format!("/v1/settings/{setting_id}/children/{child}/journal"), Some(&parent), None).await;
    assert_eq!(status, 200, "a parent signs in with a password");
}
