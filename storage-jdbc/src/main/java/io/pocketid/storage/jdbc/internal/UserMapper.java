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

  long countUserList(@Param("q") ListQuery q);

  List<User> listUsers(@Param("q") ListQuery q);

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
}
