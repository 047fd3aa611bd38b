package io.paygate.server.pages;

import io.paygate.core.errors.PayGateException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * The one error a form shows at its field ({@code errorField}, in the API's snake_case names) or
 * above it, whether Bean Validation or the domain refused the input.
 */
public record FormError(String field, String message) {

  public static FormError of(PayGateException refusal) {
    return new FormError(refusal.field(), refusal.getMessage());
  }

  /** The first field at fault in the form's own order, so the same input shows the same error. */
  public static Optional<FormError> first(BindingResult result, List<String> fieldOrder) {
    for (String field : fieldOrder) {
      FieldError error = result.getFieldError(field);
      if (error != null) {
        return Optional.of(new FormError(snakeCase(field), error.getDefaultMessage()));
      }
    }
    return Optional.empty();
  }

  public void addTo(Model model) {
    model.addAttribute("errorField", field);
    model.addAttribute("errorMessage", message);
  }

  private static String snakeCase(String field) {
    return field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }
}
