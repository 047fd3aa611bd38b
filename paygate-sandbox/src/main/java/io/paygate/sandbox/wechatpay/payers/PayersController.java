package io.paygate.sandbox.wechatpay.payers;

import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API: each payer's openid at each merchant's appid, and the wallet balance (fen). */
@RestController
public class PayersController {

  private final WxPayers payers;
  private final WxMerchants merchants;

  public PayersController(WxPayers payers, WxMerchants merchants) {
    this.payers = payers;
    this.merchants = merchants;
  }

  @GetMapping("/sandbox/wechatpay/api/payers")
  List<PayerView> list() {
    List<PayerView> out = new ArrayList<>();
    for (Payer payer : payers.all()) {
      for (var merchant : merchants.all()) {
        for (String appid : merchants.appids(merchant)) {
          out.add(
              new PayerView(
                  WxPayers.openid(appid, payer),
                  appid,
                  merchant.mchid(),
                  payer.name(),
                  payer.balanceFen()));
        }
      }
    }
    return out;
  }

  /** {@code balance} in fen, as every amount of WeChat Pay's. */
  record PayerView(String openid, String appid, String mchid, String name, long balance) {}
}
