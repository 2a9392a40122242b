package io.pocketid.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pocket ID's validation rules for user fields, with its messages ({@code "Username is invalid"},
 * {@code "FirstName is required"}, ...); names follow {@link TextRules} (no control or invisible
 * characters). Like Pocket ID's validator, each field reports only its first failing rule and the
 * problems are joined with {@code ", "}.
 */
final class UserInputRules {
  private static final Pattern USERNAME =
      Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.@-]*[a-zA-Z0-9]$");

  /** Dotted-atom local part and a dotted domain of letters, digits and hyphens. */
  private static final Pattern EMAIL =
      Pattern.compile(
          "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

  private final List<String> problems = new ArrayList<>();

  UserInputRules username(String value) {
    if (isEmpty(value)) {
      problems.add("Username is required");
    } else if (!USERNAME.matcher(value).matches()) {
      problems.add("Username is invalid");
    } else {
      TextRules.nameProblem("Username", value, 2, TextRules.NAME_MAX).ifPresent(problems::add);
    }
    return this;
  }

  /** Whether {@code value} is an email address by the rule users are created with. */
  static boolean isEmail(String value) {
    return EMAIL.matcher(value).matches();
  }

  UserInputRules optionalEmail(String value) {
    if (!isEmpty(value) && !EMAIL.matcher(value).matches()) {
      problems.add("Email must be a valid email address");
    }
    return this;
  }

  UserInputRules firstName(String value) {
    TextRules.nameProblem("FirstName", value, 1, TextRules.NAME_MAX).ifPresent(problems::add);
    return this;
  }

  UserInputRules lastName(String value) {
    TextRules.nameProblem("LastName", value, 0, TextRules.NAME_MAX).ifPresent(problems::add);
    return this;
  }

  /**
   * @throws ServiceException {@link ServiceError#INVALID_INPUT} when any rule failed
   */
  void check() {
    if (!problems.isEmpty()) {
      throw new ServiceException(ServiceError.INVALID_INPUT, String.join(", ", problems));
    }
  }

  static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
