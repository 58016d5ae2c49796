package org.gags.util;

import java.util.Arrays;
import java.util.function.Function;

/** Enum constants by the name a config file spells them with ({@code level-s}, {@code code-l1}). */
public final class ConfigNames {
  private ConfigNames() {}

  /**
   * The constant of {@code type} whose name is {@code key}.
   *
   * @throws IllegalArgumentException naming {@code what}, the value found and every accepted name
   */
  public static <E extends Enum<E>> E of(Class<E> type, Function<E, String> name, String what, String key) {
    for (E e : type.getEnumConstants()) {
      if (name.apply(e).equals(key)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " '" + key + "', expected one of "
        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(name).toList()));
  }
}
