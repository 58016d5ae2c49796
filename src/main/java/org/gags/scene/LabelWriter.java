package org.gags.scene;

import org.gags.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes a {@link LabelFile} in the LERF-OVS label format {@link LabelReader} reads: {@code info}
 * (name, width, height, depth 3, note "") and per object its category, group (1-based running
 * index), segmentation, area (shoelace area of the polygon), bbox and iscrowd 0. The JSON is
 * indented by four spaces with LF line endings. The file is replaced atomically.
 */
public final class LabelWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private LabelWriter() {}

  /**
   * @throws UncheckedIOException when the file system fails
   */
  public static void write(Path file, LabelFile label) {
    AtomicFiles.write(file, toJson(label));
  }

  static byte[] toJson(LabelFile label) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.setPrettyPrinter(new FourSpaces());
      g.writeStartObject();
      g.writeObjectFieldStart("info");
      g.writeStringField("name", label.name());
      g.writeNumberField("width", label.width());
      g.writeNumberField("height", label.height());
      g.writeNumberField("depth", 3);
      g.writeStringField("note", "");
      g.writeEndObject();
      g.writeArrayFieldStart("objects");
      int group = 0;
      for (LabelObject o : label.objects()) {
        g.writeStartObject();
        g.writeStringField("category", o.category());
        g.writeNumberField("group", ++group);
        g.writeArrayFieldStart("segmentation");
        for (double[] point : o.polygon()) {
          g.writeArray(point, 0, 2);
        }
        g.writeEndArray();
        g.writeNumberField("area", o.area());
        g.writeFieldName("bbox");
        g.writeArray(o.bbox(), 0, 4);
        g.writeNumberField("iscrowd", 0);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("could not format label file " + label.name(), e);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /** Four-space indentation for objects and arrays, and "key": value without a space before ':'. */
  private static final class FourSpaces extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    FourSpaces() {
      DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
      indentObjectsWith(indenter);
      indentArraysWith(indenter);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new FourSpaces();
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }
}
