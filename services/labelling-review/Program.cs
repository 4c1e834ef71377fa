using SemaineIndustrie.LabellingReview.Pictures;
using SemaineIndustrie.LabellingReview.Conversations;
using SemaineIndustrie.LabellingReview.Views;
using SemaineIndustrie.LabellingReview;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Claiming;
using SemaineIndustrie.LabellingReview.Decisions;
using SemaineIndustrie.LabellingReview.Motivations;
using SemaineIndustrie.LabellingReview.Notes;
using SemaineIndustrie.LabellingReview.Queues;
using SemaineIndustrie.LabellingReview.Statistics;
using SemaineIndustrie.Messaging.Redrive;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("labelling-review");
builder.AddLabellingReviewService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapQueuesApi();
app.MapCasesApi().MapClaimingApi().MapDecisionsApi().MapNotesApi().MapCasePictures().MapCaseMessages();
app.MapOrganiserConversations();
app.MapSavedViews();
app.MapMotivationsApi().MapStatisticsApi();
app.MapErrorQueueRedrive();
app.Run();
