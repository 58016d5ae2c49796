package org.gags.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code --scenes} folders become scenes: sub-folders that are no scene are kept, to fail by name in scan. */
@Tag("unit")
class SceneInputsTest {
  @TempDir Path dir;

  @Test
  void everyVisibleSubFolderOfACollectionIsASceneEvenOneThatIsNone() throws IOException {
    Path collection = dir.resolve("collection");
    Files.createDirectories(collection.resolve("b-scene/sparse"));
    Files.createDirectories(collection.resolve("a-empty"));
    Files.createDirectories(collection.resolve(".cache"));
    Files.createDirectories(collection.resolve("_gags"));
    Files.writeString(collection.resolve("notes.txt"), "not a folder");
    List<SceneRef> scenes = SceneInputs.resolve(List.of(collection.toString()));
    assertEquals(List.of("a-empty", "b-scene"), scenes.stream().map(SceneRef::id).toList());
    assertEquals(collection.resolve("a-empty").toString(), scenes.get(0).folder());
  }

  @Test
  void aFolderWithoutAnySceneIsRefusedNamingItsSubFolders() throws IOException {
    Path notScenes = dir.resolve("not-scenes");
    Files.createDirectories(notScenes.resolve("images"));
    Files.createDirectories(notScenes.resolve("label"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SceneInputs.resolve(List.of(notScenes.toString())));
    assertTrue(e.getMessage().contains("found neither (sub-folders without sparse/: images, label)"), e.getMessage());
  }
}
