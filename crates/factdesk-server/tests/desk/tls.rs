//! HTTPS: the real server on a certificate from a throwaway authority, reached by clients
//! that trust that authority (an HTTP client and the real `factdesk` command) and by
//! clients that do not; which addresses it may listen on.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use ureq::tls::{Certificate, RootCerts, TlsConfig};

use super::harness::{Client, Cluster, Server};

/// A newsroom's certificate authority and a server certificate it issued for `localhost`
/// and 127.0.0.1, as PEM files in a temporary folder.
struct Pki {
    dir: tempfile::TempDir,
    authority_pem: String,
}

impl Pki {
    fn new() -> Pki {
        let authority_key = KeyPair::generate().expect("a CA key");
        let mut authority = CertificateParams::new(Vec::<String>::new()).unwrap();
        authority.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        authority
            .distinguished_name
            .push(DnType::CommonName, "Factdesk test newsroom CA");
        authority.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let authority_pem = authority.self_signed(&authority_key).unwrap().pem();
        let issuer = Issuer::new(authority, authority_key);

        let server_key = KeyPair::generate().expect("a server key");
        let mut server =
            CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
        server
            .distinguished_name
            .push(DnType::CommonName, "desk.localhost");
        let server_pem = server.signed_by(&server_key, &issuer).unwrap().pem();

        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("desk.crt"), server_pem).unwrap();
        std::fs::write(dir.path().join("desk.key"), server_key.serialize_pem()).unwrap();
        Pki { dir, authority_pem }
    }

    fn certificate(&self) -> PathBuf {
        self.dir.path().join("desk.crt")
    }

    fn key(&self) -> PathBuf {
        self.dir.path().join("desk.key")
    }

    /// `serve` flags for this certificate and key.
    fn flags(&self) -> [String; 4] {
        [
            "--tls-cert".into(),
            self.certificate().display().to_string(),
            "--tls-key".into(),
            self.key().display().to_string(),
        ]
    }
}

/// An HTTP client trusting only `roots` (or the public web's authorities when `None`).
fn agent(roots: Option<&str>) -> ureq::Agent {
    let mut tls = TlsConfig::builder();
    if let Some(pem) = roots {
        let authority = Certificate::from_pem(pem.as_bytes()).expect("the CA's PEM");
        tls = tls.root_certs(RootCerts::Specific(Arc::new(vec![authority])));
    }
    ureq::Agent::config_builder()
        .tls_config(tls.build())
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// `GET url` with `token`: the status and body, or the error as text.
fn me(agent: &ureq::Agent, url: &str, token: &str) -> Result<(u16, String), String> {
    let mut response = agent
        .get(format!("{url}/v1/me"))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    Ok((
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    ))
}

fn port(server: &Server) -> &str {
    server.url.rsplit(':').next().expect("a port in the URL")
}

#[test]
fn https_reaches_clients_that_trust_the_authority_and_no_others() {
    let cluster = Cluster::start();
    let pki = Pki::new();
    let flags = pki.flags();
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = Server::start_with(&cluster, "127.0.0.1:0", &flags);
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "the server says it serves HTTPS: {}",
        server.url
    );
    let token = server.add_user("ana", "checker");
    let trusting = agent(Some(&pki.authority_pem));

    for host in ["localhost", "127.0.0.1"] {
        let url = format!("https://{host}:{}", port(&server));
        let (status, body) = me(&trusting, &url, &token)
            .unwrap_or_else(|e| panic!("{url}: a client trusting the CA connects: {e}"));
        assert_eq!(status, 200, "{url}: {body}");
        assert!(
            body.contains("\"ana\"") && body.contains("checker"),
            "{url}: the token's user: {body}"
        );
    }
    let (status, _) = me(&trusting, &server.url, "fdk_not_a_token").expect("an answer");
    assert_eq!(status, 401, "over HTTPS a bad token is still refused");

    let e = me(&agent(None), &server.url, &token)
        .expect_err("a client that does not trust the newsroom's CA refuses the server");
    assert!(
        e.to_lowercase().contains("certificate") || e.contains("UnknownIssuer"),
        "the failure is the certificate's: {e}"
    );

    let plain = format!("http://127.0.0.1:{}", port(&server));
    let answer = me(&agent(None), &plain, &token);
    assert!(
        answer.is_err(),
        "plain HTTP to the HTTPS port gets no answer: {answer:?}"
    );

    let (status, _) = me(&trusting, &server.url, &token).expect("an answer");
    assert_eq!(
        status, 200,
        "the refused connections did not stop the server"
    );

    // The real `factdesk` command checks the desk against the operating system's trust
    // store, which SSL_CERT_FILE replaces here (the machine's own store is not touched).
    let ana = Client::new("ana");
    ana.import_sample();
    let url = format!("https://localhost:{}", port(&server));
    let untrusting = ana
        .command(&["desk", "join", &url, "--token", &token])
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR")
        .output()
        .expect("factdesk runs");
    let said = String::from_utf8_lossy(&untrusting.stderr);
    assert!(
        !untrusting.status.success() && said.to_lowercase().contains("certificate"),
        "without the newsroom's CA in its trust store the command refuses the desk: {said}"
    );
    let authority = pki.dir.path().join("newsroom-ca.pem");
    std::fs::write(&authority, &pki.authority_pem).unwrap();
    let trusting_cli = |args: &[&str]| {
        let out = ana
            .command(args)
            .env("SSL_CERT_FILE", &authority)
            .output()
            .expect("factdesk runs");
        assert!(
            out.status.success(),
            "factdesk {args:?} over HTTPS: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let said = trusting_cli(&["desk", "join", &url, "--token", &token]);
    assert!(said.contains("as ana (checker)"), "{said}");
    trusting_cli(&["desk", "publish", &ana.article()]);
    let said = trusting_cli(&["desk", "sync"]);
    assert!(said.contains("pushed 1 article(s)"), "{said}");
    assert_eq!(
        cluster.psql("SELECT count(*) FROM articles").as_deref(),
        Ok("1"),
        "the article went over HTTPS to the desk"
    );
}

/// `factdesk-server serve ARGS` that must fail; what it said.
fn serve_fails(cluster: &Cluster, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_factdesk-server"))
        .arg("serve")
        .args(args)
        .args(["--database-url", &cluster.url()])
        .output()
        .expect("factdesk-server runs");
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "serve {args:?} must fail: {said}");
    said
}

#[test]
fn other_addresses_need_a_certificate_and_bad_files_are_named() {
    let cluster = Cluster::start();
    let pki = Pki::new();
    let certificate = pki.certificate().display().to_string();
    let key = pki.key().display().to_string();

    let said = serve_fails(&cluster, &["--listen", "0.0.0.0:0"]);
    assert!(
        said.contains("0.0.0.0:0 is not a loopback address") && said.contains("tls_certificate"),
        "plain HTTP is refused off loopback, saying how to serve HTTPS: {said}"
    );

    let server = Server::start_with(
        &cluster,
        "0.0.0.0:0",
        &["--tls-cert", &certificate, "--tls-key", &key],
    );
    assert!(server.url.starts_with("https://0.0.0.0:"), "{}", server.url);
    let token = server.add_user("ben", "editor");
    let url = format!("https://localhost:{}", port(&server));
    let (status, body) = me(&agent(Some(&pki.authority_pem)), &url, &token)
        .unwrap_or_else(|e| panic!("{url}: with a certificate any address is served: {e}"));
    assert_eq!(status, 200, "{body}");

    let said = serve_fails(&cluster, &["--tls-cert", &certificate]);
    assert!(
        said.contains("a TLS certificate was given but no key"),
        "{said}"
    );
    let missing = pki.dir.path().join("missing.key");
    let said = serve_fails(
        &cluster,
        &[
            "--tls-cert",
            &certificate,
            "--tls-key",
            missing.to_str().unwrap(),
        ],
    );
    assert!(
        said.contains(missing.to_str().unwrap()) && said.contains("cannot read"),
        "an unreadable key is named: {said}"
    );
    let said = serve_fails(&cluster, &["--tls-cert", &key, "--tls-key", &key]);
    assert!(
        said.contains(&key) && said.contains("not a PEM certificate chain"),
        "a key given as the certificate is named: {said}"
    );
}
