//! The media bucket. Photos and videos never pass through a Lambda on their way in or out:
//! uploads go straight to S3 with a presigned POST whose policy pins the key, the exact
//! content type and the exact size; downloads are presigned GETs with a fixed content type
//! and disposition, issued only after authorisation. Both are valid for five minutes.
//!
//! Layout: `quarantine/{settingId}/{mediaId}` holds uploads until the media function has
//! checked them (an S3 lifecycle rule expires anything left there after a day);
//! `media/{settingId}/{mediaId}/original` and `.../thumbnail` hold what it approved.

use aws_config::SdkConfig;
use aws_credential_types::provider::ProvideCredentials;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use base64::Engine;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;
use time::OffsetDateTime;

pub const PRESIGNED_SECONDS: u64 = 300;

pub fn quarantine_key(setting_id: &str, media_id: &str) -> String {
    format!("quarantine/{setting_id}/{media_id}")
}
pub fn original_key(setting_id: &str, media_id: &str) -> String {
    format!("media/{setting_id}/{media_id}/original")
}
pub fn thumbnail_key(setting_id: &str, media_id: &str) -> String {
    format!("media/{setting_id}/{media_id}/thumbnail")
}
/// The setting and media ids of a quarantine key, if it is one.
pub fn parse_quarantine_key(key: &str) -> Option<(String, String)> {
    let mut parts = key.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("quarantine"), Some(setting), Some(media), None) if !setting.is_empty() && !media.is_empty() => {
            Some((setting.to_string(), media.to_string()))
        }
        _ => None,
    }
}

/// A browser form upload: POST `url` as multipart/form-data with `fields` first, then `file`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PresignedPost {
    pub method: &'static str,
    pub url: String,
    pub fields: BTreeMap<String, String>,
    pub expires_at: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("media store unavailable: {0}")]
    Unavailable(String),
    #[error("no such object")]
    Missing,
}

impl From<MediaError> for crate::http::Problem {
    fn from(error: MediaError) -> Self {
        match error {
            MediaError::Missing => crate::http::Problem::not_found(),
            MediaError::Unavailable(e) => crate::http::Problem::unavailable("media", e),
        }
    }
}

fn unavailable<E: std::error::Error + 'static>(e: aws_sdk_s3::error::SdkError<E, aws_sdk_s3::config::http::HttpResponse>) -> MediaError {
    MediaError::Unavailable(aws_sdk_s3::error::DisplayErrorContext(e).to_string())
}

pub struct MediaStore {
    client: aws_sdk_s3::Client,
    sdk: SdkConfig,
    bucket: String,
}

impl MediaStore {
    pub fn new(sdk: &SdkConfig, bucket: String) -> Self {
        // Path-style addressing only for an emulator endpoint (virtual hosts need DNS).
        let config = aws_sdk_s3::config::Builder::from(sdk).force_path_style(sdk.endpoint_url().is_some()).build();
        Self { client: aws_sdk_s3::Client::from_conf(config), sdk: sdk.clone(), bucket }
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// A presigned POST that accepts exactly one object: this key, this content type, this
    /// many bytes, within five minutes.
    pub async fn upload_form(&self, key: &str, content_type: &str, bytes: u64, now: OffsetDateTime) -> Result<PresignedPost, MediaError> {
        let provider = self.sdk.credentials_provider().ok_or_else(|| MediaError::Unavailable("no credentials".into()))?;
        let credentials = provider.provide_credentials().await.map_err(|e| MediaError::Unavailable(e.to_string()))?;
        let region = self.sdk.region().map(|r| r.to_string()).unwrap_or_else(|| "us-east-1".into());
        let expires = now + time::Duration::seconds(PRESIGNED_SECONDS as i64);
        let amz_date = format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second()
        );
        let credential = format!("{}/{}/{region}/s3/aws4_request", credentials.access_key_id(), &amz_date[..8]);
        let mut fields = BTreeMap::from([
            ("key".to_string(), key.to_string()),
            ("Content-Type".to_string(), content_type.to_string()),
            ("x-amz-algorithm".to_string(), "AWS4-HMAC-SHA256".to_string()),
            ("x-amz-credential".to_string(), credential),
            ("x-amz-date".to_string(), amz_date),
        ]);
        if let Some(token) = credentials.session_token() {
            fields.insert("x-amz-security-token".into(), token.to_string());
        }
        let mut conditions = vec![
            serde_json::json!({ "bucket": self.bucket }),
            serde_json::json!(["content-length-range", bytes, bytes]),
        ];
        conditions.extend(fields.iter().map(|(k, v)| serde_json::json!({ k: v })));
        let policy = serde_json::json!({ "expiration": crate::app::rfc3339(expires), "conditions": conditions });
        let policy = base64::engine::general_purpose::STANDARD.encode(policy.to_string());
        let signing_key = aws_sigv4::sign::v4::generate_signing_key(
            credentials.secret_access_key(),
            std::time::SystemTime::from(now),
            &region,
            "s3",
        );
        let signature = aws_sigv4::sign::v4::calculate_signature(signing_key, policy.as_bytes());
        fields.insert("policy".into(), policy);
        fields.insert("x-amz-signature".into(), signature);
        let url = match self.sdk.endpoint_url() {
            Some(endpoint) => format!("{}/{}", endpoint.trim_end_matches('/'), self.bucket),
            None => format!("https://{}.s3.{region}.amazonaws.com", self.bucket),
        };
        Ok(PresignedPost { method: "POST", url, fields, expires_at: crate::app::rfc3339(expires) })
    }

    /// A presigned GET, valid five minutes, that makes S3 answer with this content type and
    /// disposition whatever the object says (so a browser never sniffs it into something else).
    pub async fn download_url(&self, key: &str, content_type: &str, disposition: &str) -> Result<String, MediaError> {
        let config = PresigningConfig::expires_in(Duration::from_secs(PRESIGNED_SECONDS))
            .map_err(|e| MediaError::Unavailable(e.to_string()))?;
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .response_content_type(content_type)
            .response_content_disposition(disposition)
            .response_cache_control("private, max-age=300")
            .presigned(config)
            .await
            .map_err(unavailable)?;
        Ok(request.uri().to_string())
    }

    /// Reads a whole object (at most 20 MB for a photo, 200 MB for a video).
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, MediaError> {
        let output = self.client.get_object().bucket(&self.bucket).key(key).send().await.map_err(|e| {
            if e.as_service_error().is_some_and(|s| s.is_no_such_key()) {
                MediaError::Missing
            } else {
                unavailable(e)
            }
        })?;
        let bytes = output.body.collect().await.map_err(|e| MediaError::Unavailable(e.to_string()))?;
        Ok(bytes.into_bytes().to_vec())
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), MediaError> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    pub async fn delete(&self, key: &str) -> Result<(), MediaError> {
        self.client.delete_object().bucket(&self.bucket).key(key).send().await.map_err(unavailable)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarantine_keys_parse_strictly() {
        assert_eq!(parse_quarantine_key(&quarantine_key("s1", "m1")), Some(("s1".into(), "m1".into())));
        assert_eq!(parse_quarantine_key("media/s1/m1/original"), None);
        assert_eq!(parse_quarantine_key("quarantine/s1/m1/extra"), None);
        assert_eq!(parse_quarantine_key("quarantine//m1"), None);
    }

    #[tokio::test]
    async fn the_upload_policy_pins_key_type_size_and_expiry() {
        let credentials = aws_credential_types::Credentials::new("AKIDEXAMPLE", "secret", Some("token".into()), None, "test");
        let sdk = SdkConfig::builder()
            .region(aws_config::Region::new("eu-west-2"))
            .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(credentials))
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let store = MediaStore::new(&sdk, "bucket-1".into());
        let now = time::macros::datetime!(2026-11-23 10:00:00 UTC);
        let form = store.upload_form("quarantine/s/m", "image/png", 1234, now).await.unwrap();
        assert_eq!(form.url, "https://bucket-1.s3.eu-west-2.amazonaws.com");
        assert_eq!(form.fields["x-amz-credential"], "AKIDEXAMPLE/20261123/eu-west-2/s3/aws4_request");
        assert_eq!(form.fields["x-amz-security-token"], "token");
        let policy = base64::engine::general_purpose::STANDARD.decode(&form.fields["policy"]).unwrap();
        let policy: serde_json::Value = serde_json::from_slice(&policy).unwrap();
        assert_eq!(policy["expiration"], "2026-11-23T10:05:00Z");
        let conditions = policy["conditions"].as_array().unwrap();
        for wanted in [
            serde_json::json!({"bucket": "bucket-1"}),
            serde_json::json!({"key": "quarantine/s/m"}),
            serde_json::json!({"Content-Type": "image/png"}),
            serde_json::json!(["content-length-range", 1234, 1234]),
            serde_json::json!({"x-amz-security-token": "token"}),
        ] {
            assert!(conditions.contains(&wanted), "{wanted}");
        }
        // The signature is SigV4's: HMAC-SHA256 of the policy under the derived key.
        let key = aws_sigv4::sign::v4::generate_signing_key("secret", std::time::SystemTime::from(now), "eu-west-2", "s3");
        assert_eq!(form.fields["x-amz-signature"], aws_sigv4::sign::v4::calculate_signature(key, form.fields["policy"].as_bytes()));
    }
}
