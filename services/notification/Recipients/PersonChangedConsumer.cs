using SemaineIndustrie.Messaging.People;

namespace SemaineIndustrie.Notification.Recipients;

/// <summary>Keeps this service's copy of people (everyone: organisers are mailed too), queue <c>notification-person-changed</c>.</summary>
public sealed class PersonChangedConsumer(NotificationDbContext db) : PersonChangedConsumerBase(db);

/// <summary>Records identity's answer to this service's people resync.</summary>
public sealed class PeopleResyncStartedConsumer(NotificationDbContext db) : PeopleResyncStartedConsumerBase(db, NotificationServiceExtensions.ServiceName);
