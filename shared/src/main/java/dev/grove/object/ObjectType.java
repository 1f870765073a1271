package dev.grove.object;

/** The Git object types Grove stores. (Annotated tags are not used.) */
public enum ObjectType {
  BLOB("blob"),
  TREE("tree"),
  COMMIT("commit");

  private final String gitName;

  ObjectType(String gitName) {
    this.gitName = gitName;
  }

  /** The name in Git's header: {@code blob}, {@code tree}, {@code commit}. */
  public String gitName() {
    return gitName;
  }

  /**
   * The type named {@code name} in a Git header.
   *
   * @throws MalformedObjectException when it is not one of Grove's types
   */
  public static ObjectType fromGitName(String name) {
    for (ObjectType type : values()) {
      if (type.gitName.equals(name)) {
        return type;
      }
    }
    throw new MalformedObjectException(null, "unknown object type '" + name + "'");
  }
}
