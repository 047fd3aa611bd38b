package io.paygate.core.channel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payment channels this PayGate takes payments through, by id. Every payment names its channel;
 * everything done for it afterwards (queries, refunds, notifications, bills) goes to that channel
 * and no other.
 */
public final class Channels {

  private final Map<String, PaymentChannel> byId;
  private final String defaultId;

  /**
   * @param channels at least one, ids unique
   * @param preferredDefault the id a request naming no channel goes to when that channel is among
   *     them (the deployment's first channel); otherwise the only one, or the first given
   */
  public Channels(List<PaymentChannel> channels, String preferredDefault) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("at least one payment channel");
    }
    Map<String, PaymentChannel> ids = new LinkedHashMap<>();
    for (PaymentChannel channel : channels) {
      if (ids.putIfAbsent(channel.id(), channel) != null) {
        throw new IllegalArgumentException("two payment channels have the id " + channel.id());
      }
    }
    this.byId = Collections.unmodifiableMap(ids);
    this.defaultId =
        preferredDefault != null && ids.containsKey(preferredDefault)
            ? preferredDefault
            : channels.get(0).id();
  }

  /** Channels with no preferred default: the only one, or the first given. */
  public Channels(List<PaymentChannel> channels) {
    this(channels, null);
  }

  /** One channel alone. */
  public static Channels single(PaymentChannel channel) {
    return new Channels(List.of(channel));
  }

  /**
   * The channel with this id.
   *
   * @throws UnknownChannelException when none has it (the problem CHANNEL_NOT_FOUND)
   */
  public PaymentChannel of(String id) {
    PaymentChannel channel = id == null ? null : byId.get(id);
    if (channel == null) {
      throw new UnknownChannelException(id, ids());
    }
    return channel;
  }

  /** The named channel, or the default one for null. */
  public PaymentChannel orDefault(String id) {
    return of(id == null ? defaultId : id);
  }

  /** The ids, in the order the channels were given. */
  public Set<String> ids() {
    return byId.keySet();
  }

  public boolean has(String id) {
    return id != null && byId.containsKey(id);
  }

  /** The channel a request naming none goes to. */
  public String defaultId() {
    return defaultId;
  }

  /** The default channel. */
  public PaymentChannel defaultChannel() {
    return byId.get(defaultId);
  }

  /**
   * The merchant's apps over every channel, by name (an app name two channels share sells what
   * either sells there): for what is limited to apps whatever the channel (API keys, webhooks).
   */
  public MerchantApps apps() {
    Map<String, Set<Product>> union = new LinkedHashMap<>();
    for (PaymentChannel channel : byId.values()) {
      channel
          .apps()
          .products()
          .forEach(
              (name, products) ->
                  union
                      .computeIfAbsent(name, n -> java.util.EnumSet.noneOf(Product.class))
                      .addAll(products));
    }
    return new MerchantApps(union);
  }

  /** Every channel, in the order given. */
  public List<PaymentChannel> all() {
    return List.copyOf(byId.values());
  }
}
