package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.Authorizer;
import dev.minicloud.controlplane.iam.S3Authorization;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.SuspensionEnforcer;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import java.time.Clock;

/** The {@code /iam/v1} operations, one handler each; the routes are in {@code ApiRouter}. */
public record IamApi(
    CreateAccountHandler createAccount,
    ListAccountsHandler listAccounts,
    DescribeAccountHandler describeAccount,
    SetAccountStatusHandler suspendAccount,
    SetAccountStatusHandler reactivateAccount,
    DeleteAccountHandler deleteAccount,
    CreateUserHandler createUser,
    ListUsersHandler listUsers,
    GetUserHandler getUser,
    DeleteUserHandler deleteUser,
    CreateAccessKeyHandler createAccessKey,
    ListAccessKeysHandler listAccessKeys,
    UpdateAccessKeyHandler updateAccessKey,
    DeleteAccessKeyHandler deleteAccessKey,
    PutUserPolicyHandler putUserPolicy,
    GetUserPolicyHandler getUserPolicy,
    DeleteUserPolicyHandler deleteUserPolicy,
    AttachUserPolicyHandler attachUserPolicy,
    ListAttachedUserPoliciesHandler listAttachedUserPolicies,
    DetachUserPolicyHandler detachUserPolicy,
    CreateGroupHandler createGroup,
    ListGroupsHandler listGroups,
    GetGroupHandler getGroup,
    DeleteGroupHandler deleteGroup,
    AddUserToGroupHandler addUserToGroup,
    RemoveUserFromGroupHandler removeUserFromGroup,
    ListGroupsForUserHandler listGroupsForUser,
    PutGroupPolicyHandler putGroupPolicy,
    GetGroupPolicyHandler getGroupPolicy,
    DeleteGroupPolicyHandler deleteGroupPolicy,
    ListGroupPoliciesHandler listGroupPolicies,
    AttachGroupPolicyHandler attachGroupPolicy,
    ListAttachedGroupPoliciesHandler listAttachedGroupPolicies,
    DetachGroupPolicyHandler detachGroupPolicy,
    CreatePolicyHandler createPolicy,
    ListPoliciesHandler listPolicies,
    DeletePolicyHandler deletePolicy,
    SimulateHandler simulate) {

  public static IamApi create(IdentityStore identity, UserStore users, BucketStore buckets, Authorizer authorizer,
      S3Authorization s3, SuspensionEnforcer suspension, Clock clock) {
    return new IamApi(
        new CreateAccountHandler(identity, clock),
        new ListAccountsHandler(identity),
        new DescribeAccountHandler(identity),
        SetAccountStatusHandler.suspend(identity, suspension),
        SetAccountStatusHandler.reactivate(identity),
        new DeleteAccountHandler(identity, users, buckets),
        new CreateUserHandler(users, clock),
        new ListUsersHandler(users),
        new GetUserHandler(users),
        new DeleteUserHandler(users),
        new CreateAccessKeyHandler(identity, users, clock),
        new ListAccessKeysHandler(identity, users),
        new UpdateAccessKeyHandler(identity),
        new DeleteAccessKeyHandler(identity),
        new PutUserPolicyHandler(users),
        new GetUserPolicyHandler(users),
        new DeleteUserPolicyHandler(users),
        new AttachUserPolicyHandler(users),
        new ListAttachedUserPoliciesHandler(users),
        new DetachUserPolicyHandler(users),
        new CreateGroupHandler(users.groups(), clock),
        new ListGroupsHandler(users.groups()),
        new GetGroupHandler(users.groups()),
        new DeleteGroupHandler(users.groups()),
        new AddUserToGroupHandler(users.groups()),
        new RemoveUserFromGroupHandler(users.groups()),
        new ListGroupsForUserHandler(users.groups()),
        new PutGroupPolicyHandler(users.groups()),
        new GetGroupPolicyHandler(users.groups()),
        new DeleteGroupPolicyHandler(users.groups()),
        new ListGroupPoliciesHandler(users.groups()),
        new AttachGroupPolicyHandler(users.groups()),
        new ListAttachedGroupPoliciesHandler(users.groups()),
        new DetachGroupPolicyHandler(users.groups()),
        new CreatePolicyHandler(users, clock),
        new ListPoliciesHandler(users),
        new DeletePolicyHandler(users),
        new SimulateHandler(authorizer, users, s3));
  }
}
