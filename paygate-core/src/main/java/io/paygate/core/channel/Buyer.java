package io.paygate.core.channel;

/**
 * A buyer already signed in at the channel, for whom a trade is made (JSAPI / mini-program pay):
 * named by the channel's user id, or by the open id an app in OpenID mode knows the buyer by.
 *
 * @param userId the channel's user id (Alipay's buyer_id), or null
 * @param openId the buyer's open id at the app (Alipay's buyer_open_id), or null
 * @param opAppId the mini-program the buyer pays in (Alipay's op_app_id), or null
 */
public record Buyer(String userId, String openId, String opAppId) {

  /** Exactly one of user id and open id. */
  public Buyer {
    if ((userId == null) == (openId == null)) {
      throw new IllegalArgumentException(
          "a buyer is named by a user id or an open id, one of them");
    }
  }

  public static Buyer byUserId(String userId) {
    return new Buyer(userId, null, null);
  }

  public static Buyer byOpenId(String openId) {
    return new Buyer(null, openId, null);
  }
}
