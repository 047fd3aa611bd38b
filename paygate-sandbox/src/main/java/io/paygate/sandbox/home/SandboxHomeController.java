package io.paygate.sandbox.home;

import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.buyers.SandboxBuyers;
import io.paygate.sandbox.clock.DueWorkRunner;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.faults.FaultViews;
import io.paygate.sandbox.notify.NotifyDelivery;
import io.paygate.sandbox.notify.NotifyRepository;
import io.paygate.sandbox.notify.NotifyViews;
import io.paygate.sandbox.trades.TradeRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** {@code /sandbox}: the page for people — apps and keys, buyers, trades, notifies, clock. */
@Controller
public class SandboxHomeController {

  private final SandboxApps apps;
  private final SandboxBuyers buyers;
  private final TradeRepository trades;
  private final NotifyRepository notifies;
  private final NotifyViews notifyViews;
  private final NotifyDelivery delivery;
  private final VirtualClock clock;
  private final DueWorkRunner dueWork;
  private final PublicUrl publicUrl;
  private final FaultViews faults;

  public SandboxHomeController(
      SandboxApps apps,
      SandboxBuyers buyers,
      TradeRepository trades,
      NotifyRepository notifies,
      NotifyViews notifyViews,
      NotifyDelivery delivery,
      VirtualClock clock,
      DueWorkRunner dueWork,
      PublicUrl publicUrl,
      FaultViews faults) {
    this.apps = apps;
    this.buyers = buyers;
    this.trades = trades;
    this.notifies = notifies;
    this.notifyViews = notifyViews;
    this.delivery = delivery;
    this.clock = clock;
    this.dueWork = dueWork;
    this.publicUrl = publicUrl;
    this.faults = faults;
  }

  @GetMapping({"/sandbox", "/sandbox/"})
  ModelAndView home(HttpServletRequest request) {
    ModelAndView page = new ModelAndView("sandbox/home");
    page.addObject("gatewayUrl", publicUrl.gateway(request));
    page.addObject("now", clock.now());
    page.addObject("apps", apps.all());
    page.addObject("buyers", buyers.all());
    page.addObject("trades", trades.recent(50));
    page.addObject("faults", faults.activeDescriptions());
    page.addObject("notifies", notifyViews.of(notifies.recent(50)));
    return page;
  }

  @PostMapping("/sandbox/clock/advance")
  String advance(@RequestParam(defaultValue = "0") long seconds) {
    if (seconds > 0 && seconds <= Duration.ofDays(3650).toSeconds()) {
      clock.advance(Duration.ofSeconds(seconds));
      dueWork.runAll();
    }
    return "redirect:/sandbox";
  }

  @PostMapping("/sandbox/notifies/{id}/redeliver")
  String redeliver(@PathVariable long id) {
    if (notifies.find(id).isPresent()) {
      delivery.redeliver(id);
    }
    return "redirect:/sandbox";
  }
}
