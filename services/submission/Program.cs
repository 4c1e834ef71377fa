using SemaineIndustrie.Messaging.Redrive;
using SemaineIndustrie.ServiceDefaults;
using SemaineIndustrie.Submission;
using SemaineIndustrie.Submission.Drafts;
using SemaineIndustrie.Submission.Editions;
using SemaineIndustrie.Submission.Pictures;
using SemaineIndustrie.Submission.Reconciliation;
using SemaineIndustrie.Submission.Submissions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("submission");
builder.AddSubmissionService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapSubmissionsApi();
app.MapEditionsApi();
app.MapDraftsApi();
app.MapPicturesApi();
app.MapErrorQueueRedrive();
app.MapReconciliationApi();
app.Run();
