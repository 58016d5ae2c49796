package org.gags.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.gags.embed.ClipTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gags tokenize}: CLIP token ids of texts. */
@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the CLIP token ids of each text, one line per text, space-separated.",
      "Start 49406 and end 49407 included; with --padded, all 77 ids of the model input."
    })
final class TokenizeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Texts to tokenize (quote each).")
  List<String> texts;

  @Option(names = "--padded", description = "Print the full 77-id model input, zero-padded.")
  boolean padded;

  @Override
  public Integer call() {
    ClipTokenizer tok = ClipTokenizer.bundled();
    for (String text : texts) {
      long[] ids = tok.tokenize(text);
      int n = ids.length;
      if (!padded) {
        while (n > 0 && ids[n - 1] == 0) {
          n--;
        }
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? "" : " ").append(ids[i]);
      }
      System.out.println(sb);
    }
    return 0;
  }
}
