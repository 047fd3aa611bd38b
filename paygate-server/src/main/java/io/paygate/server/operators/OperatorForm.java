package io.paygate.server.operators;

import io.paygate.server.access.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A new operator, as the operators page's form sends it. */
public record OperatorForm(
    @NotBlank(message = "请填写用户名 A user name is needed")
        @Pattern(
            regexp = "[A-Za-z0-9_.@-]{1,64}",
            message = "用户名为 1–64 个字母、数字或 _.@- A user name is 1–64 letters, digits or _.@-")
        String username,
    @NotNull(message = "请填写密码 A password is needed")
        @Size(min = 12, max = 128, message = "密码 12–128 个字符 A password is 12–128 characters")
        String password,
    @NotNull(message = "请选择角色 Choose a role") Role role) {

  static final List<String> FIELDS = List.of("username", "password", "role");

  static OperatorForm blank() {
    return new OperatorForm("", "", Role.VIEWER);
  }
}
