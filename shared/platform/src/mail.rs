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
            // SES's error text can quote the recipient: it goes to the logs without addresses.
            .map_err(|e| MailError(scrub_addresses(&aws_sdk_sesv2::error::DisplayErrorContext(e).to_string())))?;
        Ok(output.message_id.unwrap_or_default())
    }
}

/// `text` with every email address in it replaced by `[address]`, so an error message can be
/// logged without naming the person it was for.
pub fn scrub_addresses(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let local = |c: char| c.is_alphanumeric() || "._%+-'!#$&*=?^`{|}~/".contains(c);
    let domain = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '@' {
            let start = (0..i).rev().take_while(|&j| local(chars[j])).last();
            let end = (i + 1..chars.len()).take_while(|&j| domain(chars[j])).last();
            if let (Some(start), Some(end)) = (start, end) {
                // Drop the local part already copied, then the domain.
                let copied: usize = chars[start..i].iter().map(|c| c.len_utf8()).sum();
                out.truncate(out.len() - copied);
                out.push_str("[address]");
                i = end + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
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
    use super::scrub_addresses;
    use proptest::prelude::*;

    #[test]
    fn addresses_are_scrubbed_from_error_text() {
        assert_eq!(
            scrub_addresses("MessageRejected: Email address is not verified: <Ann.Lee+kids@example.co.uk>, x@y"),
            "MessageRejected: Email address is not verified: <[address]>, [address]"
        );
        assert_eq!(scrub_addresses("no address @ here, nor@"), "no address @ here, nor@");
        assert_eq!(scrub_addresses("Zoë@bücher.de failed"), "[address] failed");
    }

    proptest! {
        #[test]
        fn no_address_survives(before in "[ -~]{0,20}", local in "[a-z0-9.+_-]{1,12}", domain in "[a-z0-9-]{1,10}\\.[a-z]{2,4}", after in "[ -~]{0,20}") {
            let address = format!("{local}@{domain}");
            let scrubbed = scrub_addresses(&format!("{before} {address} {after}"));
            prop_assert!(!scrubbed.contains(&address), "{scrubbed}");
            prop_assert!(scrubbed.contains("[address]"));
        }
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(super::escape_html("<b>Tom & \"Jerry\"</b>"), "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
    }
}
