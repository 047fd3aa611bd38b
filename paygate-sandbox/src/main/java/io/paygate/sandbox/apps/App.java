package io.paygate.sandbox.apps;

import java.util.Map;

/**
 * A merchant application registered at the sandbox, with the sandbox's ("Alipay's") key pair.
 *
 * <p>In certificate mode ({@code certMode}) the "Alipay" key pair is that of the app's current
 * "Alipay" certificate ({@code alipayCertSn}), replaced on a rotation, and requests must name the
 * app's own certificate ({@code appCertSn}, of {@code appCert}) and the sandbox's root bundle.
 *
 * @param openidMode the app identifies buyers by {@code buyer_open_id}, never by their user id
 * @param appCert PEM of the app public-key certificate; null in public-key mode, as are the SNs
 */
public record App(
    String appId,
    String sellerId,
    String name,
    String appPublicKey,
    String appPrivateKey,
    String alipayPublicKey,
    String alipayPrivateKey,
    boolean isDefault,
    boolean openidMode,
    boolean certMode,
    String appCert,
    String appCertSn,
    String alipayCertSn) {

  /**
   * How this app's answers and notifies name a buyer: {@code buyer_open_id} in OpenID mode, else
   * {@code userIdField} ({@code buyer_id} in notifies, {@code buyer_user_id} in answers) with the
   * 2088 user id. Empty when the trade has no buyer yet.
   */
  public Map<String, String> buyerField(String userIdField, String buyerUserId) {
    if (buyerUserId == null || buyerUserId.isEmpty()) {
      return Map.of();
    }
    return openidMode
        ? Map.of("buyer_open_id", OpenIds.of(appId, buyerUserId))
        : Map.of(userIdField, buyerUserId);
  }
}
