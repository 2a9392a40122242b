package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Users, groups, memberships and custom claims. */
public interface UserMapper {
  void insertUser(User user);

  int updateUser(User user);

  User findUserById(String id);

  User findUserByUsername(String username);

  User findUserByEmail(String email);

  long countUsers();

  long countEnabledAdmins();

  List<String> claimKeySuggestions();

  long countUserList(
      @Param("q") ListQuery q, @Param("admin") Boolean admin, @Param("disabled") Boolean disabled);

  List<User> listUsers(
      @Param("q") ListQuery q, @Param("admin") Boolean admin, @Param("disabled") Boolean disabled);

  int deleteUser(String id);

  void insertGroup(UserGroup group);

  int updateGroup(UserGroup group);

  UserGroup findGroupById(String id);

  UserGroup findGroupByName(String name);

  long countGroupList(@Param("q") ListQuery q);

  List<UserGroup> listGroups(@Param("q") ListQuery q);

  int deleteGroup(String id);

  int deleteGroupsOfUser(String userId);

  int deleteMembers(String groupId);

  void insertMembership(@Param("userId") String userId, @Param("groupId") String groupId);

  List<UserGroup> groupsOfUser(String userId);

  /** The user's groups (kind {@code m}) and the client's allowed group ids (kind {@code a}). */
  List<GroupAccessRow> groupAccess(
      @Param("userId") String userId, @Param("clientId") String clientId);

  List<String> memberIds(String groupId);

  /**
   * The id if the row exists, locking it until the transaction ends on PostgreSQL ({@code FOR NO
   * KEY UPDATE}: serializes replacers of the same set, yet lets foreign keys refer to the row);
   * SQLite's single writer serializes anyway.
   */
  String lockRow(@Param("table") String table, @Param("id") String id);

  /** Which of the given ids exist in {@code table} (a constant, never user input). */
  List<String> existingIds(@Param("table") String table, @Param("ids") List<String> ids);

  int deleteClaimsOfUser(String userId);

  int deleteClaimsOfGroup(String groupId);

  void insertClaim(
      @Param("id") String id,
      @Param("createdAt") Instant createdAt,
      @Param("userId") String userId,
      @Param("groupId") String groupId,
      @Param("claim") CustomClaim claim);

  List<CustomClaim> claimsOfUser(String userId);

  List<CustomClaim> claimsOfGroup(String groupId);

  /** A row of {@link #groupAccess}: a group of the user, or the id of a group the client admits. */
  final class GroupAccessRow {
    private String kind;
    private String id;
    private Instant createdAt;
    private String friendlyName;
    private String name;
    private String ldapId;

    boolean member() {
      return "m".equals(kind);
    }

    UserGroup group() {
      return new UserGroup(id, createdAt, friendlyName, name, ldapId);
    }

    String id() {
      return id;
    }

    public void setKind(String kind) {
      this.kind = kind;
    }

    public void setId(String id) {
      this.id = id;
    }

    public void setCreatedAt(Instant createdAt) {
      this.createdAt = createdAt;
    }

    public void setFriendlyName(String friendlyName) {
      this.friendlyName = friendlyName;
    }

    public void setName(String name) {
      this.name = name;
    }

    public void setLdapId(String ldapId) {
      this.ldapId = ldapId;
    }
  }
}
