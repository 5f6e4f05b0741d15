//! SES: the only place an email leaves Nestling, called by the outbox consumer alone.

use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
use aws_sdk_sesv2::Client;

#[derive(Clone)]
pub struct Mailer {
    client: Client,
    from: String,
    configuration_set: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("email not sent: {0}")]
pub struct MailError(pub String);

impl Mailer {
    pub fn new(client: Client, from: String, configuration_set: Option<String>) -> Self {
        Self { client, from, configuration_set }
    }

    /// Sends one message with plain-text and HTML parts; answers SES's message id.
    pub async fn send(&self, to: &str, subject: &str, text: &str, html: &str) -> Result<String, MailError> {
        let content = |data: &str| Content::builder().data(data).charset("UTF-8").build().expect("data is set");
        let message =
            Message::builder().subject(content(subject)).body(Body::builder().text(content(text)).html(content(html)).build()).build();
        let output = self
            .client
            .send_email()
            .from_email_address(&self.from)
            .destination(Destination::builder().to_addresses(to).build())
            .content(EmailContent::builder().simple(message).build())
            .set_configuration_set_name(self.configuration_set.clone())
            .send()
            .await
            .map_err(|e| MailError(aws_sdk_sesv2::error::DisplayErrorContext(e).to_string()))?;
        Ok(output.message_id.unwrap_or_default())
    }
}

/// Escapes text for an HTML email body.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_is_escaped() {
        assert_eq!(super::escape_html("<b>Tom & \"Jerry\"</b>"), "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
    }
}
