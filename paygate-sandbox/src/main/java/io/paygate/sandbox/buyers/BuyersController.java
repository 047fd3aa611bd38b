package io.paygate.sandbox.buyers;

import io.paygate.sandbox.problems.Require;
import io.paygate.sandbox.wire.Money;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Control API: sandbox buyer accounts. */
@RestController
public class BuyersController {

  private final SandboxBuyers buyers;

  public BuyersController(SandboxBuyers buyers) {
    this.buyers = buyers;
  }

  @GetMapping("/sandbox/api/buyers")
  List<BuyerView> list() {
    return buyers.all().stream().map(BuyerView::of).toList();
  }

  @PostMapping("/sandbox/api/buyers")
  @ResponseStatus(HttpStatus.CREATED)
  BuyerView create(@RequestBody NewBuyer body) {
    return BuyerView.of(
        buyers.create(
            Require.text(body.logonId(), "logon_id"),
            Require.text(body.payPassword(), "pay_password"),
            Require.balance(body.balance(), "balance")));
  }

  @PutMapping("/sandbox/api/buyers/{logonId}/balance")
  BuyerView setBalance(@PathVariable String logonId, @RequestBody NewBalance body) {
    return BuyerView.of(buyers.setBalance(logonId, Require.balance(body.balance(), "balance")));
  }

  /**
   * {@code {"enabled": true}}: the buyer's barcode payments wait for their pay password (the
   * merchant gets 10003), entered later with {@code POST /sandbox/api/buyer/pay}.
   */
  @PutMapping("/sandbox/api/buyers/{logonId}/password-wait")
  BuyerView setPasswordWait(@PathVariable String logonId, @RequestBody PasswordWait body) {
    return BuyerView.of(buyers.setPasswordWait(logonId, Boolean.TRUE.equals(body.enabled())));
  }

  record PasswordWait(Boolean enabled) {}

  /** Amounts travel as strings ("100.00"); JSON numbers are accepted too. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record NewBuyer(String logonId, String payPassword, String balance) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record NewBalance(String balance) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record BuyerView(
      String logonId, String userId, String balance, String payPassword, String authCode) {
    static BuyerView of(Buyer b) {
      return new BuyerView(
          b.logonId(), b.userId(), Money.format(b.balance()), b.payPassword(), b.authCode());
    }
  }
}
