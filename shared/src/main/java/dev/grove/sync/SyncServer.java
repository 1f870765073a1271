package dev.grove.sync;

import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The server side of the sync protocol (docs/PROTOCOL.md) for one repository: the bodies of
 * {@code refs}, {@code fetch} and {@code push} and the data of watch events. An HTTP layer only
 * moves bytes in and out and turns a {@link SyncException} into its status and
 * {@link Protocol#errorJson}.
 *
 * <p>Thread-safe. Bad input of any kind is a {@link SyncException} with a 4xx status and
 * changes nothing; any other exception is a fault of the server or its storage.
 */
public final class SyncServer {
  private final Repository repo;

  public SyncServer(Repository repo) {
    this.repo = repo;
  }

  /** Body of GET refs: {@code {"protocol":1,"branches":{...}}}. */
  public byte[] refs() {
    return WireJson.refs(repo.branches());
  }

  /**
   * Body of GET {@link Protocol#REFS_FOR_PUSH_PATH refs?for=push} for a repository that does not
   * exist, to a caller that may create it by pushing:
   * {@code {"protocol":1,"branches":{},"exists":false}}.
   */
  public static byte[] refsOfNoRepository() {
    return WireJson.refsOfNoRepository();
  }

  /**
   * Parses and checks a fetch request completely (before any byte is sent) and plans the
   * bundle: every object reachable from the wants and not from the haves the server knows.
   * Each want must be a commit that a branch reaches (only that is trusted to be complete).
   * When the request negotiates and a branch reaches none of its (non-empty) haves, the bundle
   * is empty with {@code "common": false} in its header, so that the client can offer older
   * haves instead of receiving the whole history; otherwise a negotiating request's header
   * says {@code "common": true}.
   *
   * @throws SyncException {@code bad_request}, {@code unsupported_protocol},
   *     {@code too_many_ids} or {@code unknown_object}
   */
  public Bundle fetch(byte[] requestJson) {
    WireJson.FetchRequest request = WireJson.parseFetchRequest(requestJson);
    BranchReach reach = new BranchReach(repo.backend().objects(), repo.branches().values());
    for (ObjectId want : request.wants()) {
      if (!reach.reachesStored(want)) {
        throw Errors.unknownObject("want " + want.hex()
            + " is not a commit that a branch of this repository reaches");
      }
    }
    Boolean common = null;
    if (request.negotiate()) {
      common = request.haves().isEmpty() || knowsOne(reach, request.haves());
      if (!common) {
        return new PlannedBundle(new ObjectWalk.Plan(), false);
      }
    }
    ObjectWalk.Plan plan = new ObjectWalk(repo.backend().objects())
        .plan(request.wants(), request.haves(), Progress.NONE);
    return new PlannedBundle(plan, common);
  }

  /**
   * Whether a branch reaches one of {@code haves} (in the client's order: its heads first, so
   * the usual answer costs a read or two). A have not found within {@link BranchReach}'s slop
   * counts as unknown: the client then sends older haves, which costs a round trip, not data.
   */
  private static boolean knowsOne(BranchReach reach, List<ObjectId> haves) {
    for (ObjectId have : haves) {
      if (reach.reachesStored(have)) {
        return true;
      }
    }
    return false;
  }

  /** A planned bundle: how many objects, and a way to stream it. */
  public interface Bundle {
    int objectCount();

    /** Writes the whole bundle (header, objects, end marker) to {@code out}; does not close it. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Reads, verifies and applies a push body (a bundle of at most {@code maxBytes}): checks
   * everything against the repository before writing anything, then writes the objects and
   * compare-and-sets the branch in one backend write.
   *
   * @return 200 {@code {"branch","outcome","head"}}, or 409 {@code conflict} /
   *     {@code non_fast_forward} with the current head
   * @throws SyncException (4xx) for bad input; nothing was written
   */
  public Reply push(InputStream body, long maxBytes) {
    return new ServerPush(repo).apply(body, maxBytes);
  }

  /** A push answer: its status (200 or 409) and JSON body. */
  public record Reply(int status, byte[] json) {}

  /** Text of the watch stream's first event ({@code event: refs}): {@code {"branches":{...}}}. */
  public static String refsEventData(SortedMap<String, ObjectId> branches) {
    return WireJson.refsEvent(branches);
  }

  /** Text of a watch event of one branch ({@code event: ref}): {@code {"branch":..,"head":..|null}}. */
  public static String refEventData(String branch, ObjectId headOrNone) {
    return WireJson.refEvent(branch, headOrNone);
  }

  private final class PlannedBundle implements Bundle {
    private final ObjectWalk.Plan plan;
    /** The header's {@code common}: null when the client did not negotiate. */
    private final Boolean common;

    PlannedBundle(ObjectWalk.Plan plan, Boolean common) {
      this.plan = plan;
      this.common = common;
    }

    @Override
    public int objectCount() {
      return plan.size();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("protocol", Protocol.VERSION);
      header.put("objects", plan.size());
      if (common != null) {
        header.put("common", common);
      }
      BundleWriter writer = new BundleWriter(out, header);
      for (int i = 0; i < plan.size(); i++) {
        writer.write(plan.object(i, repo.backend().objects()));
      }
      writer.finish();
    }
  }
}
