package io.paygate.sandbox.apps;

import java.util.Map;

/**
 * A merchant application registered at the sandbox, with the sandbox's ("Alipay's") key pair.
 *
 * @param openidMode the app identifies buyers by {@code buyer_open_id}, never by their user id
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
    boolean openidMode) {

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
