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
use base64::Engine;
use nestling_domain::{MediaId, SettingId, Timestamp};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;
use time::OffsetDateTime;

pub const PRESIGNED_SECONDS: u64 = 300;

pub fn quarantine_key(setting_id: &SettingId, media_id: &MediaId) -> String {
    format!("quarantine/{setting_id}/{media_id}")
}
pub fn original_key(setting_id: &SettingId, media_id: &MediaId) -> String {
    format!("media/{setting_id}/{media_id}/original")
}
pub fn thumbnail_key(setting_id: &SettingId, media_id: &MediaId) -> String {
    format!("media/{setting_id}/{media_id}/thumbnail")
}
/// The setting and media ids of a quarantine key, if it is one (as text: an object under a
/// name that is not an id is one nobody asked for).
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
    #[schema(value_type = String)]
    pub expires_at: Timestamp,
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

/// Signs uploads and downloads for the media bucket with the function's own credentials,
/// without an S3 client: signing is local (SigV4 from `aws-sigv4`, which every SDK already
/// links), so the functions that only hand out URLs do not link the S3 SDK.
pub struct Presigner {
    sdk: SdkConfig,
    bucket: String,
}

impl Presigner {
    pub fn new(sdk: &SdkConfig, bucket: String) -> Self {
        Self { sdk: sdk.clone(), bucket }
    }

    async fn credentials(&self) -> Result<aws_credential_types::Credentials, MediaError> {
        let provider = self.sdk.credentials_provider().ok_or_else(|| MediaError::Unavailable("no credentials".into()))?;
        provider.provide_credentials().await.map_err(|e| MediaError::Unavailable(e.to_string()))
    }

    fn region(&self) -> String {
        self.sdk.region().map(|r| r.to_string()).unwrap_or_else(|| "us-east-1".into())
    }

    /// The object's URL: virtual-hosted in AWS, path-style on an emulator endpoint.
    fn object_url(&self, key: &str) -> String {
        let key: String = key.split('/').map(encode_component).collect::<Vec<_>>().join("/");
        match self.sdk.endpoint_url() {
            Some(endpoint) => format!("{}/{}/{key}", endpoint.trim_end_matches('/'), self.bucket),
            None => format!("https://{}.s3.{}.amazonaws.com/{key}", self.bucket, self.region()),
        }
    }

    /// A presigned POST that accepts exactly one object: this key, this content type, this
    /// many bytes, within five minutes.
    pub async fn upload_form(&self, key: &str, content_type: &str, bytes: u64, now: OffsetDateTime) -> Result<PresignedPost, MediaError> {
        let credentials = self.credentials().await?;
        let region = self.region();
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
        let mut conditions = vec![serde_json::json!({ "bucket": self.bucket }), serde_json::json!(["content-length-range", bytes, bytes])];
        conditions.extend(fields.iter().map(|(k, v)| serde_json::json!({ k: v })));
        let policy = serde_json::json!({ "expiration": crate::app::rfc3339(expires), "conditions": conditions });
        let policy = base64::engine::general_purpose::STANDARD.encode(policy.to_string());
        let signing_key =
            aws_sigv4::sign::v4::generate_signing_key(credentials.secret_access_key(), std::time::SystemTime::from(now), &region, "s3");
        let signature = aws_sigv4::sign::v4::calculate_signature(signing_key, policy.as_bytes());
        fields.insert("policy".into(), policy);
        fields.insert("x-amz-signature".into(), signature);
        let url = match self.sdk.endpoint_url() {
            Some(endpoint) => format!("{}/{}", endpoint.trim_end_matches('/'), self.bucket),
            None => format!("https://{}.s3.{region}.amazonaws.com", self.bucket),
        };
        Ok(PresignedPost { method: "POST", url, fields, expires_at: Timestamp::new(expires) })
    }

    /// A presigned GET, valid five minutes, that makes S3 answer with this content type and
    /// disposition whatever the object says (so a browser never sniffs it into something else).
    pub async fn download_url(&self, key: &str, content_type: &str, disposition: &str) -> Result<String, MediaError> {
        self.download_url_at(key, content_type, disposition, std::time::SystemTime::now()).await
    }

    async fn download_url_at(
        &self,
        key: &str,
        content_type: &str,
        disposition: &str,
        at: std::time::SystemTime,
    ) -> Result<String, MediaError> {
        use aws_sigv4::http_request::{
            sign, PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings, UriPathNormalizationMode,
        };
        let identity = self.credentials().await?.into();
        let mut settings = SigningSettings::default();
        settings.signature_location = SignatureLocation::QueryParams;
        settings.expires_in = Some(Duration::from_secs(PRESIGNED_SECONDS));
        // S3's own rules: keys are encoded once and their paths are never normalised.
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        let region = self.region();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(&region)
            .name("s3")
            .time(at)
            .settings(settings)
            .build()
            .map_err(|e| MediaError::Unavailable(e.to_string()))?
            .into();
        let url = format!(
            "{}?response-cache-control={}&response-content-disposition={}&response-content-type={}&x-id=GetObject",
            self.object_url(key),
            encode_component("private, max-age=300"),
            encode_component(disposition),
            encode_component(content_type)
        );
        let mut request = http::Request::builder().method("GET").uri(&url).body(()).map_err(|e| MediaError::Unavailable(e.to_string()))?;
        let host = request.uri().authority().map(|a| a.to_string()).unwrap_or_default();
        let signable = SignableRequest::new("GET", url.as_str(), [("host", host.as_str())].into_iter(), SignableBody::UnsignedPayload)
            .map_err(|e| MediaError::Unavailable(e.to_string()))?;
        let (instructions, _) = sign(signable, &params).map_err(|e| MediaError::Unavailable(e.to_string()))?.into_parts();
        instructions.apply_to_request_http1x(&mut request);
        Ok(request.uri().to_string())
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode_component(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The bucket's objects, for the media check and expiry (the only functions that read and
/// write them): GET, PUT and DELETE of one object, signed with SigV4 by the SDK's own signer
/// and sent with the HTTP client the push sender already links. Not the S3 SDK: it brings
/// checksum tables for every CRC variant (0.7 MB) that kept the media check over the binary
/// size budget, and these three calls need nothing else from it.
pub struct MediaStore {
    signer: Presigner,
    http: reqwest::Client,
}

impl MediaStore {
    pub fn new(sdk: &SdkConfig, bucket: String) -> Self {
        let http = reqwest::Client::builder()
            // S3 answers these calls itself: a redirect is never followed anywhere else.
            .redirect(reqwest::redirect::Policy::none())
            // A video is at most 200 MB; the function's own timeout bounds the rest.
            .timeout(Duration::from_secs(120))
            .build()
            .unwrap_or_default();
        Self { signer: Presigner::new(sdk, bucket), http }
    }

    /// One signed request for the object under `key`. The payload's SHA-256 is signed too,
    /// so S3 refuses a body altered on the way.
    async fn send(&self, method: &str, key: &str, body: Vec<u8>, content_type: Option<&str>) -> Result<reqwest::Response, MediaError> {
        use aws_sigv4::http_request::{
            sign, PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings, UriPathNormalizationMode,
        };
        use sha2::Digest;
        let identity = self.signer.credentials().await?.into();
        let mut settings = SigningSettings::default();
        settings.signature_location = SignatureLocation::Headers;
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        let region = self.signer.region();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(&region)
            .name("s3")
            .time(std::time::SystemTime::now())
            .settings(settings)
            .build()
            .map_err(|e| MediaError::Unavailable(e.to_string()))?
            .into();
        let url = self.signer.object_url(key);
        let payload_hash = hex::encode(sha2::Sha256::digest(&body));
        let mut request = http::Request::builder().method(method).uri(&url).header("x-amz-content-sha256", &payload_hash);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let mut request = request.body(body).map_err(|e| MediaError::Unavailable(e.to_string()))?;
        let host = request.uri().authority().map(|a| a.to_string()).unwrap_or_default();
        request.headers_mut().insert("host", http::HeaderValue::from_str(&host).map_err(|e| MediaError::Unavailable(e.to_string()))?);
        let headers: Vec<(&str, &str)> =
            request.headers().iter().filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?))).collect();
        let signable = SignableRequest::new(method, url.as_str(), headers.into_iter(), SignableBody::Precomputed(payload_hash.clone()))
            .map_err(|e| MediaError::Unavailable(e.to_string()))?;
        let (instructions, _) = sign(signable, &params).map_err(|e| MediaError::Unavailable(e.to_string()))?.into_parts();
        instructions.apply_to_request_http1x(&mut request);
        let request = reqwest::Request::try_from(request).map_err(|e| MediaError::Unavailable(e.to_string()))?;
        self.http.execute(request).await.map_err(|e| MediaError::Unavailable(format!("S3 {method} {key}: {e}")))
    }

    /// S3's refusal, with the start of its error document.
    async fn refused(method: &str, key: &str, response: reqwest::Response) -> MediaError {
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        MediaError::Unavailable(format!("S3 {method} {key}: {status}: {}", text.chars().take(300).collect::<String>()))
    }

    /// Reads a whole object (at most 20 MB for a photo, 200 MB for a video).
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, MediaError> {
        let response = self.send("GET", key, Vec::new(), None).await?;
        match response.status().as_u16() {
            200 => Ok(response.bytes().await.map_err(|e| MediaError::Unavailable(e.to_string()))?.to_vec()),
            404 => Err(MediaError::Missing),
            _ => Err(Self::refused("GET", key, response).await),
        }
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), MediaError> {
        let response = self.send("PUT", key, bytes, Some(content_type)).await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(Self::refused("PUT", key, response).await)
        }
    }

    /// Deleting an object that is already gone is done.
    pub async fn delete(&self, key: &str) -> Result<(), MediaError> {
        let response = self.send("DELETE", key, Vec::new(), None).await?;
        if response.status().is_success() || response.status().as_u16() == 404 {
            Ok(())
        } else {
            Err(Self::refused("DELETE", key, response).await)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarantine_keys_parse_strictly() {
        assert_eq!(
            parse_quarantine_key(&quarantine_key(&SettingId::parse("s1").unwrap(), &MediaId::parse("m1").unwrap())),
            Some(("s1".into(), "m1".into()))
        );
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
        let store = Presigner::new(&sdk, "bucket-1".into());
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

    /// The download URL is exactly the one the S3 SDK's own presigner makes.
    #[tokio::test]
    async fn download_urls_match_the_sdk_presigner() {
        let credentials = aws_credential_types::Credentials::new("AKIDEXAMPLE", "secret", Some("token/with+chars=".into()), None, "test");
        let sdk = SdkConfig::builder()
            .region(aws_config::Region::new("eu-west-2"))
            .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(credentials))
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let at = std::time::SystemTime::from(time::macros::datetime!(2026-11-23 10:00:00 UTC));
        let ours = Presigner::new(&sdk, "bucket-1".into())
            .download_url_at("media/s1/m1/original", "image/jpeg", "inline; filename=\"m1.jpg\"", at)
            .await
            .unwrap();
        let config =
            aws_sdk_s3::presigning::PresigningConfig::builder().start_time(at).expires_in(Duration::from_secs(300)).build().unwrap();
        let theirs = aws_sdk_s3::Client::new(&sdk)
            .get_object()
            .bucket("bucket-1")
            .key("media/s1/m1/original")
            .response_content_type("image/jpeg")
            .response_content_disposition("inline; filename=\"m1.jpg\"")
            .response_cache_control("private, max-age=300")
            .presigned(config)
            .await
            .unwrap();
        let split = |url: &str| {
            let (base, query) = url.split_once('?').unwrap();
            let mut params: Vec<String> = query.split('&').map(str::to_string).collect();
            params.sort();
            (base.to_string(), params)
        };
        assert_eq!(split(&ours), split(theirs.uri()));
    }
}

/// A photo or video of an entry or post. `shared: false` is the "photo not shared"
/// placeholder: another child in it has no consent to appear to this viewer, so no URL is
/// given.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MediaView {
    #[schema(value_type = String)]
    pub media_id: MediaId,
    pub media_type: nestling_domain::journal::MediaType,
    pub shared: bool,
    /// Presigned, valid five minutes.
    pub url: Option<String>,
    pub thumbnail_url: Option<String>,
    /// The children it shows (empty when not shared).
    #[schema(value_type = Vec<String>)]
    pub children: Vec<nestling_domain::ChildId>,
}

/// The view of `m` for one viewer: presigned URLs (the original and its thumbnail) when
/// `shared`, else the placeholder, which names nobody.
pub async fn media_view(
    app: &crate::App,
    setting_id: &SettingId,
    m: &crate::records::EntryMedia,
    shared: bool,
) -> Result<MediaView, MediaError> {
    use nestling_domain::journal::MediaType;
    if !shared {
        return Ok(MediaView {
            media_id: m.media_id.clone(),
            media_type: m.media_type,
            shared: false,
            url: None,
            thumbnail_url: None,
            children: Vec::new(),
        });
    }
    let disposition = format!("inline; filename=\"{}.{}\"", m.media_id, m.media_type.extension());
    let store = app.presigner();
    let url = store.download_url(&original_key(setting_id, &m.media_id), m.media_type.content_type(), &disposition).await?;
    let thumbnail_url = if m.thumbnail {
        let disposition = format!("inline; filename=\"{}.jpg\"", m.media_id);
        Some(store.download_url(&thumbnail_key(setting_id, &m.media_id), MediaType::Jpeg.content_type(), &disposition).await?)
    } else {
        None
    };
    Ok(MediaView {
        media_id: m.media_id.clone(),
        media_type: m.media_type,
        shared: true,
        url: Some(url),
        thumbnail_url,
        children: m.children.clone(),
    })
}
