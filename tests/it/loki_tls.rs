//! The Loki client over TLS: a private CA is trusted when given, refused
//! when not, and skip-verify works when asked for.

use std::sync::Arc;

use askloki::loki::{LokiClient, LokiConfig, LokiError, RetryPolicy};
use askloki::source::TimeRange;
use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// A CA, and an HTTPS server for `localhost` with a certificate it signed,
/// answering every request with an empty label list.
async fn https_loki() -> (String, String) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .signed_by(&key, &ca, &ca_key)
        .unwrap();
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let body = r#"{"status":"success","data":["app"]}"#;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (format!("https://localhost:{port}"), ca.pem())
}

fn config(url: &str) -> LokiConfig {
    let mut c = LokiConfig::new(url);
    c.retry = RetryPolicy {
        attempts: 1,
        ..RetryPolicy::default()
    };
    c
}

const ALL: TimeRange = TimeRange { start: 0, end: 1 };

#[tokio::test]
async fn a_private_ca_is_trusted_only_when_given() {
    let (url, ca_pem) = https_loki().await;

    let err = LokiClient::new(config(&url))
        .unwrap()
        .label_names(ALL)
        .await
        .unwrap_err();
    assert!(matches!(err, LokiError::Connect { .. }), "{err}");
    assert!(
        err.to_string().to_lowercase().contains("certificate"),
        "{err}"
    );

    let mut with_ca = config(&url);
    with_ca.ca_pem = Some(ca_pem.into_bytes());
    let names = LokiClient::new(with_ca)
        .unwrap()
        .label_names(ALL)
        .await
        .unwrap();
    assert_eq!(names, ["app"]);

    let mut insecure = config(&url);
    insecure.insecure_skip_verify = true;
    let names = LokiClient::new(insecure)
        .unwrap()
        .label_names(ALL)
        .await
        .unwrap();
    assert_eq!(names, ["app"]);

    let mut bad = config(&url);
    bad.ca_pem =
        Some(b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n".to_vec());
    assert!(matches!(LokiClient::new(bad), Err(LokiError::Config(_))));
}
