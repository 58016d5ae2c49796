package org.gags.scene;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Asserts that a call fails with a {@link SceneFormatException} whose message says enough. */
final class FormatErrors {
  private FormatErrors() {}

  /** The exception, after checking that its message contains every fragment. */
  static SceneFormatException expect(Executable call, String... fragments) {
    SceneFormatException e = assertThrows(SceneFormatException.class, call);
    for (String fragment : fragments) {
      assertTrue(
          e.getMessage().contains(fragment),
          () -> "message lacks '" + fragment + "': " + e.getMessage());
    }
    return e;
  }
}
