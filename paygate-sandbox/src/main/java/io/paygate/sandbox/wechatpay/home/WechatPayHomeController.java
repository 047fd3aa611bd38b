package io.paygate.sandbox.wechatpay.home;

import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.faults.FaultViews;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.notify.WxNotificationRepository;
import io.paygate.sandbox.wechatpay.notify.WxNotificationViews;
import io.paygate.sandbox.wechatpay.payers.Payer;
import io.paygate.sandbox.wechatpay.payers.WxPayers;
import io.paygate.sandbox.wechatpay.transactions.TransactionRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /sandbox/wechatpay}: the offline WeChat Pay's page for people, beside the Alipay one —
 * merchants and their keys, payers and their openids, orders, notifications; the clock and the
 * faults are the sandbox's, shared with Alipay.
 */
@Controller
public class WechatPayHomeController {

  private final WxMerchants merchants;
  private final WxPayers payers;
  private final TransactionRepository transactions;
  private final WxNotificationRepository notifications;
  private final WxNotificationViews notificationViews;
  private final VirtualClock clock;
  private final FaultViews faults;
  private final PublicUrl publicUrl;

  public WechatPayHomeController(
      WxMerchants merchants,
      WxPayers payers,
      TransactionRepository transactions,
      WxNotificationRepository notifications,
      WxNotificationViews notificationViews,
      VirtualClock clock,
      FaultViews faults,
      PublicUrl publicUrl) {
    this.merchants = merchants;
    this.payers = payers;
    this.transactions = transactions;
    this.notifications = notifications;
    this.notificationViews = notificationViews;
    this.clock = clock;
    this.faults = faults;
    this.publicUrl = publicUrl;
  }

  @GetMapping({"/sandbox/wechatpay", "/sandbox/wechatpay/"})
  ModelAndView home(HttpServletRequest request) {
    ModelAndView page = new ModelAndView("sandbox/wechatpay");
    page.addObject("baseUrl", publicUrl.base(request) + "/sandbox/wechatpay");
    page.addObject("now", clock.now());
    var all = merchants.all();
    page.addObject("merchants", all);
    page.addObject(
        "platformSerials",
        all.stream().map(m -> merchants.currentPlatformCert(m.mchid()).serialNo()).toList());
    List<PayerRow> rows = new ArrayList<>();
    for (Payer payer : payers.all()) {
      for (var m : all) {
        for (String appid : merchants.appids(m)) {
          rows.add(
              new PayerRow(
                  payer.name(),
                  m.mchid(),
                  appid,
                  WxPayers.openid(appid, payer),
                  BigDecimal.valueOf(payer.balanceFen(), 2).toPlainString()));
        }
      }
    }
    page.addObject("payers", rows);
    page.addObject("transactions", transactions.recent(50));
    page.addObject("faults", faults.activeDescriptions());
    page.addObject("notifications", notificationViews.of(notifications.recent(50)));
    return page;
  }

  /** One payer at one appid; {@code balance} in yuan for people (fen on every API). */
  record PayerRow(String name, String mchid, String appid, String openid, String balance) {}
}
