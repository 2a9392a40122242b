package io.pocketid.core.service;

import io.pocketid.core.model.User;
import io.pocketid.core.store.UserStore;
import java.util.Objects;

/**
 * Users' profile pictures (Pocket ID's {@code /api/users/:id/profile-picture}): the user's own
 * picture, else the instance's default picture, else an avatar of their initials; uploads are
 * decoded and re-encoded as a 300×300 PNG by {@link ImageService}.
 */
public final class ProfilePictures {
  private final UserStore users;
  private final ImageService images;

  public ProfilePictures(UserStore users, ImageService images) {
    this.users = Objects.requireNonNull(users, "users");
    this.images = Objects.requireNonNull(images, "images");
  }

  /**
   * The picture to show for the user.
   *
   * @throws ServiceException NOT_FOUND for an unknown user
   */
  public ImageService.ImageBytes of(String userId) {
    User user = find(userId);
    return images.profilePicture(user.id(), user.firstName(), user.lastName(), user.username());
  }

  /**
   * Replaces the user's picture.
   *
   * @throws ServiceException NOT_FOUND; INVALID_INPUT naming what is wrong with the image
   */
  public void set(String userId, byte[] upload) {
    images.setProfilePicture(find(userId).id(), upload);
  }

  /**
   * Removes the user's own picture (the default or the initials show again); no error when there
   * was none.
   *
   * @throws ServiceException NOT_FOUND for an unknown user
   */
  public void remove(String userId) {
    images.removeProfilePicture(find(userId).id());
  }

  private User find(String userId) {
    return users
        .findById(userId == null ? "" : userId)
        .orElseThrow(() -> new ServiceException(ServiceError.NOT_FOUND, "User not found"));
  }
}
