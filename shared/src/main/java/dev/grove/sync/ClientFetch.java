package dev.grove.sync;

import dev.grove.backend.ObjectStore;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's fetch: asks for the heads it lacks (wants) naming commits it has (haves: its
 * branch heads and their newest commits, then older ones while the server knows none of them,
 * see {@link LocalHaves}; once the local history is exhausted, it takes everything), verifies the bundle against the local store as it reads it ({@link Receiver}), and writes
 * the objects in one backend write that moves no branch.
 */
final class ClientFetch {
  private final Repository local;
  private final Transport transport;

  ClientFetch(Repository local, Transport transport) {
    this.local = local;
    this.transport = transport;
  }

  /**
   * Fetches the objects of {@code heads} the local repository lacks (a head counts as present
   * only when a local branch reaches it: a stored commit no branch reaches may be incomplete), verifies them and writes
   * them in one backend write per {@link Protocol#MAX_WANTS} heads; each such chunk after the
   * first also offers the heads of the earlier ones as haves, so it receives only what is new.
   * Returns how many objects were received.
   */
  int fetch(Collection<ObjectId> heads, Progress progress) {
    ObjectStore objects = local.backend().objects();
    List<ObjectId> wants = new ArrayList<>();
    BranchReach reach = new BranchReach(objects, local.branches().values());
    for (ObjectId head : new LinkedHashSet<>(heads)) {
      if (!reach.reachesStored(head)) {
        wants.add(head);
      }
    }
    // Commits known complete: the branch heads, then each chunk's wants once it is verified
    // and written. Later chunks offer and trust them, so a clone of many branches over one
    // history receives that history once, not once per chunk.
    Set<ObjectId> complete = new LinkedHashSet<>(local.branches().values());
    int received = 0;
    for (int from = 0; from < wants.size(); from += Protocol.MAX_WANTS) {
      List<ObjectId> chunk = wants.subList(from, Math.min(wants.size(), from + Protocol.MAX_WANTS));
      received += fetchChunk(chunk, complete, progress);
      complete.addAll(chunk);
    }
    return received;
  }

  /**
   * Fetches {@code wants}, offering (and trusting as complete) {@code complete}: the local
   * branch heads and the commits earlier chunks fetched.
   */
  private int fetchChunk(List<ObjectId> wants, Collection<ObjectId> complete, Progress progress) {
    ObjectStore objects = local.backend().objects();
    LocalHaves haves = new LocalHaves(local, complete);
    List<ObjectId> offer = haves.next();
    Receiver.Received received = null;
    Receiver receiver = null;
    while (received == null) {
      // Without haves there is nothing to negotiate; with the history exhausted, take it all.
      boolean negotiate = offer != null && !haves.none();
      byte[] request = WireJson.fetchRequest(wants, offer == null ? haves.heads() : offer, negotiate);
      receiver = new Receiver(objects, complete);
      received = fetchOnce(request, negotiate, receiver, progress);
      if (received == null) {
        offer = haves.next();
      }
    }
    for (ObjectId want : wants) {
      // The server leaves out a want that a have (a complete commit) reaches; the local walk
      // may have missed that (clock skew), so a stored want is checked, not assumed, complete.
      if (received.typeOf(want) == null && !objects.contains(want)) {
        throw Errors.badResponse("the server did not send commit " + want.hex());
      }
      receiver.requireHead(want, "the wanted commit");
    }
    progress.update("writing", 0, received.objects().size());
    local.backend().write(new WriteBatch(received.objects(), List.of()));
    progress.update("writing", received.objects().size(), received.objects().size());
    return received.objects().size();
  }

  /**
   * Sends one fetch request and receives its bundle; null when a negotiating request was
   * answered {@code "common": false} (the server knew none of the haves; nothing was sent).
   */
  private Receiver.Received fetchOnce(byte[] request, boolean negotiate, Receiver receiver,
      Progress progress) {
    try (Reply reply = transport.send(Request.post("fetch", Protocol.JSON_TYPE, request))) {
      if (reply.status() != 200) {
        throw Protocol.errorFrom(reply);
      }
      if (!Protocol.BUNDLE_TYPE.equals(reply.contentType())) {
        throw Errors.badResponse("the fetch answer is '" + Errors.quote(reply.contentType()) + "', not a bundle");
      }
      BundleReader reader = new BundleReader(reply.body(), Long.MAX_VALUE);
      Map<String, Object> header = reader.readHeader();
      WireJson.checkProtocol(header, Errors::badResponse);
      Object common = header.get("common");
      if (common != null && !(common instanceof Boolean)) {
        throw Errors.badResponse("the fetch answer's 'common' is not true or false");
      }
      Receiver.Received received = receiver.receive(reader, progress);
      if (Boolean.FALSE.equals(common)) {
        if (!negotiate || !received.objects().isEmpty()) {
          throw Errors.badResponse("the fetch answer says 'common': false "
              + (negotiate ? "but holds objects" : "to a request that did not negotiate"));
        }
        return null;
      }
      return received;
    } catch (IOException e) {
      throw new TransportException("the fetch answer broke off: " + e.getMessage(), e);
    }
  }
}
