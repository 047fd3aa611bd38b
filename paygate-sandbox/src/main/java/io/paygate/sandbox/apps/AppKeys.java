package io.paygate.sandbox.apps;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * An app's keys, parsed once: the merchant's public key (null if it cannot be read, so nothing
 * verifies) and the sandbox's ("Alipay's") private key that signs answers, notifies and returns.
 */
public record AppKeys(PublicKey appPublicKey, PrivateKey alipayPrivateKey) {}
