package dev.grove.sync;

import dev.grove.backend.ObjectStore;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A client's push of one branch: refuses a non-fast-forward locally (unless forced), sends the
 * objects the remote lacks (reachable from the local head, not from the remote heads it has)
 * with a compare-and-set from the remote head it read, and turns the answer into a
 * {@link PushResult}.
 */
final class ClientPush {
  private final Repository local;
  private final Transport transport;

  ClientPush(Repository local, Transport transport) {
    this.local = local;
    this.transport = transport;
  }

  PushResult push(String branch, ObjectId head, SortedMap<String, ObjectId> remote,
      boolean force, Progress progress) {
    ObjectStore objects = local.backend().objects();
    ObjectId remoteHead = remote.getOrDefault(branch, ObjectId.NONE);
    if (remoteHead.equals(head)) {
      return new PushResult(PushResult.Status.UP_TO_DATE, branch, remoteHead, 0);
    }
    if (!force && !remoteHead.isNone()
        && (!objects.contains(remoteHead) || !local.isAncestor(remoteHead, head))) {
      return new PushResult(PushResult.Status.NON_FAST_FORWARD, branch, remoteHead, 0);
    }
    List<ObjectId> haves = new ArrayList<>();
    for (ObjectId remoteBranchHead : new LinkedHashSet<>(remote.values())) {
      if (haves.size() < Protocol.MAX_HAVES && objects.contains(remoteBranchHead)) {
        haves.add(remoteBranchHead);
      }
    }
    ObjectWalk.Plan plan = new ObjectWalk(objects).plan(List.of(head), haves, progress);
    byte[] body = bundle(plan, WireJson.pushHeader(branch, remoteHead, head, force, plan.size()),
        objects, progress);
    try (Reply reply = transport.send(Request.post("push", Protocol.BUNDLE_TYPE, body))) {
      if (reply.status() != 200 && reply.status() != 409) {
        throw Protocol.errorFrom(reply);
      }
      byte[] json = Protocol.readReply(reply, Protocol.MAX_JSON_BYTES);
      if (reply.status() == 409) {
        WireJson.PushAnswer answer = WireJson.parsePushAnswer(json, false);
        if (answer.outcomeOrCode().equals("conflict")) {
          return new PushResult(PushResult.Status.CONFLICT, branch, answer.head(), plan.size());
        }
        if (answer.outcomeOrCode().equals("non_fast_forward")) {
          return new PushResult(PushResult.Status.NON_FAST_FORWARD, branch, answer.head(),
              plan.size());
        }
        throw Protocol.errorFrom(new Reply(409, Protocol.JSON_TYPE, new ByteArrayInputStream(json)));
      }
      WireJson.PushAnswer answer = WireJson.parsePushAnswer(json, true);
      PushResult.Status status;
      switch (answer.outcomeOrCode()) {
        case "created":
          status = PushResult.Status.CREATED;
          break;
        case "updated":
          status = PushResult.Status.UPDATED;
          break;
        case "unchanged":
          status = PushResult.Status.UP_TO_DATE;
          break;
        default:
          throw Errors.badResponse("unknown push outcome '" + Errors.quote(answer.outcomeOrCode()) + "'");
      }
      return new PushResult(status, branch, head, plan.size());
    }
  }

  private static byte[] bundle(ObjectWalk.Plan plan, Map<String, Object> header,
      ObjectStore objects, Progress progress) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BundleWriter writer = new BundleWriter(out, header);
      for (int i = 0; i < plan.size(); i++) {
        writer.write(plan.object(i, objects));
        if (((i + 1) & 255) == 0 || i + 1 == plan.size()) {
          progress.update("sending", i + 1, plan.size());
        }
      }
      writer.finish();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return out.toByteArray();
  }
}
