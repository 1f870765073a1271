package dev.grove.server.git;

import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import org.eclipse.jgit.internal.storage.file.ObjectDirectoryPackParser;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackParser;

/**
 * Writes many objects as one pack file with its index, the way a received {@code git push} is
 * stored: the objects are encoded as a pack stream ({@link GitPackEncoder}) and handed to JGit's
 * {@link ObjectDirectoryPackParser}, which checks each object, writes
 * {@code objects/incoming_*.pack} and its {@code .idx}, fsyncs both (always), renames the pack
 * into {@code objects/pack/pack-NAME.pack} and then the index beside it (a pack is only seen
 * through its index, so a crash in between leaves an invisible pack), and opens it in this
 * repository's object database, so readers of this process see its objects at once; other
 * processes find it when they rescan {@code objects/pack} on a miss. NAME is the SHA-1 of the
 * sorted object ids: when a pack of that name already exists the new one is discarded, never
 * replaced. A writer killed before the renames leaves its {@code objects/incoming_*} files:
 * never read as objects (neither JGit nor Git looks at them), only wasted space, removed once
 * they are a day old ({@link GitLeftovers}).
 *
 * <p>JGit's {@code PackInserter} is not used: it fsyncs nothing before its renames and replaces
 * a pack of the same name.
 */
final class GitPackWriter {
  private GitPackWriter() {}

  /**
   * Writes {@code objects} (ids already verified, none stored yet as far as the caller saw) as
   * one pack; with {@link Durability#FSYNC} also fsyncs {@code objects/pack} and
   * {@code objects}, so the new entries are durable.
   *
   * @return whether a new pack was installed (false: a pack of the same name was already there)
   */
  static boolean write(Repository repo, List<RawObject> objects, Durability durability)
      throws IOException {
    byte[] pack = GitPackEncoder.encode(objects, Deflater.DEFAULT_COMPRESSION);
    boolean installed;
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      PackParser parser = inserter.newPackParser(new ByteArrayInputStream(pack));
      parser.setAllowThin(false);
      parser.parse(NullProgressMonitor.INSTANCE);
      installed = !(parser instanceof ObjectDirectoryPackParser)
          || ((ObjectDirectoryPackParser) parser).getPack() != null;
      inserter.flush();
    }
    if (durability == Durability.FSYNC) {
      Path objectsDir = repo.getDirectory().toPath().resolve("objects");
      GitObjects.syncDirectory(objectsDir.resolve("pack"));
      GitObjects.syncDirectory(objectsDir);
    }
    return installed;
  }
}
