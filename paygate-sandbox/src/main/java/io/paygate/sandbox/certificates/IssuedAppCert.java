package io.paygate.sandbox.certificates;

/** An app public-key certificate (appCertPublicKey_{app_id}.crt, PEM) and its SN. */
public record IssuedAppCert(String pem, String sn) {}
