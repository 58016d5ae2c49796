package org.gags.spark.pipeline;

import java.io.Serializable;

/** A scene of a run: its id (the folder name, made safe for a partition value) and its folder. */
public record SceneRef(String id, String folder) implements Serializable {}
