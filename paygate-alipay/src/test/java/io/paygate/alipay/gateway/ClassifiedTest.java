package io.paygate.alipay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.response.AlipayTradeQueryResponse;
import io.paygate.core.channel.ChannelError;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifiedTest {

  private static final Predicate<AlipayTradeQueryResponse> TRADE_NOT_EXIST =
      ResponseCodes::isTradeNotExist;

  private static AlipayTradeQueryResponse response(String code, String subCode, String subMsg) {
    AlipayTradeQueryResponse response = new AlipayTradeQueryResponse();
    response.setCode(code);
    response.setMsg("Business Failed");
    response.setSubCode(subCode);
    response.setSubMsg(subMsg);
    return response;
  }

  private static Classified<AlipayTradeQueryResponse> classify(
      AlipayTradeQueryResponse response, Predicate<AlipayTradeQueryResponse> isNotFound) {
    return Classified.of(new GatewayAnswer.Answered<>(response), isNotFound);
  }

  @Test
  void noAnswerIsUncertainWithItsReason() {
    assertThat(Classified.of(new GatewayAnswer.NoAnswer<>("SocketTimeoutException"), r -> true))
        .isEqualTo(new Classified.Uncertain<>("SocketTimeoutException"));
  }

  @Test
  void aSuccessCarriesTheResponse() {
    AlipayTradeQueryResponse success = response("10000", null, null);

    assertThat(classify(success, TRADE_NOT_EXIST)).isEqualTo(new Classified.Success<>(success));
  }

  @Test
  void tenThousandThreeIsInProcessNotTheSuccessTheSdkCallsIt() {
    AlipayTradeQueryResponse waiting = response("10003", null, null);
    // The SDK's isSuccess() looks at sub_code only.
    assertThat(waiting.isSuccess()).isTrue();
    assertThat(classify(waiting, TRADE_NOT_EXIST)).isEqualTo(new Classified.InProcess<>(waiting));
  }

  @Test
  void aSuccessCodeWithASubCodeIsNoSuccess() {
    assertThat(classify(response("10000", "isv.something", "odd"), TRADE_NOT_EXIST))
        .isInstanceOf(Classified.Refused.class);
  }

  @Test
  void theApisNotFoundAnswerComesBeforeTheUncertainCodes() {
    assertThat(classify(response("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"), TRADE_NOT_EXIST))
        .isEqualTo(
            new Classified.NotFound<>(
                new ChannelError("ACQ.TRADE_NOT_EXIST", "交易不存在"),
                "40004 ACQ.TRADE_NOT_EXIST 交易不存在"));
    assertThat(classify(response("20000", "ACQ.TRADE_NOT_EXIST", "交易不存在"), TRADE_NOT_EXIST))
        .isInstanceOf(Classified.NotFound.class);
  }

  @Test
  void withoutANotFoundAnswerTradeNotExistIsARefusal() {
    assertThat(classify(response("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"), r -> false))
        .isEqualTo(
            new Classified.Refused<>(
                new ChannelError("ACQ.TRADE_NOT_EXIST", "交易不存在"),
                "40004 ACQ.TRADE_NOT_EXIST 交易不存在"));
  }

  @ParameterizedTest
  @CsvSource({
    "20000, isp.unknow-error, 20000 isp.unknow-error sub",
    "40004, ACQ.SYSTEM_ERROR, 40004 ACQ.SYSTEM_ERROR sub",
    "40004, aop.ACQ.SYSTEM_ERROR, 40004 aop.ACQ.SYSTEM_ERROR sub",
    "40004, , 40004 Business Failed"
  })
  void systemErrorsAndReasonlessErrorsAreUncertain(String code, String subCode, String reason) {
    assertThat(classify(response(code, subCode, subCode == null ? null : "sub"), TRADE_NOT_EXIST))
        .isEqualTo(new Classified.Uncertain<>(reason));
  }

  @Test
  void anyOtherErrorIsRefusedWithAlipaysCodes() {
    assertThat(classify(response("40004", "ACQ.INVALID_PARAMETER", "参数无效"), TRADE_NOT_EXIST))
        .isEqualTo(
            new Classified.Refused<>(
                new ChannelError("ACQ.INVALID_PARAMETER", "参数无效"),
                "40004 ACQ.INVALID_PARAMETER 参数无效"));
  }

  @Test
  void aMappingWithoutANotFoundCaseRefusesIt() {
    AnswerMapping<AlipayTradeQueryResponse, String> mapping =
        new AnswerMapping<>() {
          @Override
          public String success(AlipayTradeQueryResponse response) {
            return "success";
          }

          @Override
          public String uncertain(String reason) {
            return "uncertain " + reason;
          }

          @Override
          public String refused(ChannelError error, String description) {
            return "refused " + error.code();
          }

          @Override
          public String word(String outcome) {
            return outcome;
          }
        };
    ChannelError notExist = new ChannelError("ACQ.TRADE_NOT_EXIST", "交易不存在");

    assertThat(mapping.isNotFound(response("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"))).isFalse();
    assertThat(mapping.map(new Classified.NotFound<>(notExist, "d")))
        .isEqualTo("refused ACQ.TRADE_NOT_EXIST");
    assertThat(mapping.map(new Classified.Uncertain<>("busy"))).isEqualTo("uncertain busy");
  }
}
