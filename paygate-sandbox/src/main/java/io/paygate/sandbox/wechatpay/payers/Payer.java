package io.paygate.sandbox.wechatpay.payers;

/** A WeChat user with a wallet (零钱), its balance in fen. */
public record Payer(long id, String name, long balanceFen) {}
