//! The local gateway refuses what API Gateway's JWT authorizer refuses.

use nestling_local::provision::{provision, sign_in};
use nestling_local::seed;
use nestling_tests::{spawn_app, unique, PASSWORD};

#[tokio::test]
async fn only_valid_access_tokens_of_this_pool_and_client_pass() {
    let t = spawn_app().await;
    let operator = t.operator().await;
    assert_eq!(t.call("GET", "/v1/me", Some(&operator), None).await.0, 200);

    let (status, body) = t.call("GET", "/v1/me", None, None).await;
    assert_eq!((status, body["message"].as_str()), (401, Some("Unauthorized")));

    // The ID token is a valid JWT of the same pool, but not an access token.
    let tokens = sign_in(&t.stack, &operator.email, PASSWORD).await.unwrap();
    let id = t.api.call("GET", "/v1/me", Some(&tokens.id_token), None).await.unwrap();
    assert_eq!(id.0, 401);

    // A token whose payload was altered no longer matches its signature.
    let parts: Vec<&str> = tokens.access_token.split('.').collect();
    let mut payload = parts[1].to_string();
    let last = payload.pop().unwrap();
    payload.push(if last == 'A' { 'B' } else { 'A' });
    let tampered = format!("{}.{}.{}", parts[0], payload, parts[2]);
    assert_eq!(t.api.call("GET", "/v1/me", Some(&tampered), None).await.unwrap().0, 401);

    // The same claims signed with a shared secret instead of the pool's key.
    let claims: serde_json::Value = {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
        serde_json::from_slice(&bytes).unwrap()
    };
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = jsonwebtoken::decode_header(&tokens.access_token).unwrap().kid;
    let forged = jsonwebtoken::encode(&header, &claims, &jsonwebtoken::EncodingKey::from_secret(b"guess")).unwrap();
    assert_eq!(t.api.call("GET", "/v1/me", Some(&forged), None).await.unwrap().0, 401);

    // A genuine access token of this pool, issued to another app client.
    let cognito = aws_sdk_cognitoidentityprovider::Client::new(&nestling_local::provision::Stack::sdk_config(&t.stack.endpoint));
    let other_client = cognito
        .create_user_pool_client()
        .user_pool_id(&t.stack.user_pool_id)
        .client_name("someone-else")
        .explicit_auth_flows(aws_sdk_cognitoidentityprovider::types::ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap()
        .client_id
        .unwrap();
    let elsewhere = nestling_local::provision::Stack { app_client_id: other_client, ..t.stack.clone() };
    let other_client_token = sign_in(&elsewhere, &operator.email, PASSWORD).await.unwrap().access_token;
    assert_eq!(t.api.call("GET", "/v1/me", Some(&other_client_token), None).await.unwrap().0, 401);

    // A genuine access token of another user pool.
    let other = provision(&t.stack.endpoint, &unique("other"), "https://app.nestling.test").await.unwrap();
    let email = format!("{}@ops.test", unique("x"));
    seed::create_operator(&other, &email, PASSWORD).await.unwrap();
    let foreign = sign_in(&other, &email, PASSWORD).await.unwrap().access_token;
    assert_eq!(t.api.call("GET", "/v1/me", Some(&foreign), None).await.unwrap().0, 401);

    assert_eq!(t.call("GET", "/v1/nowhere", Some(&operator), None).await.0, 404);
}
