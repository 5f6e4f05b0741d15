//! Makes a VAPID key pair for a deployment's push notifications:
//! `cargo run -p nestling-local --bin vapid-keys`. The public key is the template's
//! VapidPublicKey; the private one goes into the SSM SecureString named by VapidKeyParameter.
fn main() -> Result<(), String> {
    let (key, private) = nestling_platform::push::VapidKey::generate()?;
    println!("VapidPublicKey={}", key.public_key());
    println!("private (store it, then forget it):");
    println!("  aws ssm put-parameter --type SecureString --name /nestling/vapid-private-key --value {private}");
    Ok(())
}
