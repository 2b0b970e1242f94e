// The serve pages built with Html: what an account, an upload or a message holds shows as text.
#include "evpack/serve/pages.hpp"

#include <gtest/gtest.h>

#include "evpack/serve/serve.hpp"

namespace evpack {
namespace {

TEST(ServePages, UploadNamesAccountsAndMessagesAreEscaped) {
  Session session;
  session.user.name = "青石县<i>";
  session.user.role = kRoleAdmin;
  session.csrf = "tok\"en";
  Job job;
  job.id = "0123456789abcdef0123456789abcdef";
  job.kind = "check";
  job.county = "青石县&";
  job.upload_name = "<script>alert(1)</script>&材料.zip";
  job.state = kJobDone;
  job.message = "完成 <b>";

  const std::string page = job_page(session, job, {}, true, "校验 <img src=x>");
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;&amp;材料.zip"), std::string::npos);
  EXPECT_NE(page.find("青石县&lt;i&gt;"), std::string::npos);
  EXPECT_NE(page.find("value=\"tok&quot;en\""), std::string::npos);
  EXPECT_NE(page.find("完成 &lt;b&gt;"), std::string::npos);
  EXPECT_NE(page.find("校验 &lt;img src=x&gt;"), std::string::npos);
  EXPECT_NE(page.find("<form method=post action=\"/jobs/" + job.id + "/delete\">"), std::string::npos);

  const std::string home = home_page(session, {{"r<1>", "规则&"}}, {job}, {"县<2>"}, 1000);
  EXPECT_EQ(home.find("<script>alert"), std::string::npos);
  EXPECT_NE(home.find("<option value=\"r&lt;1&gt;\">规则&amp;（r&lt;1&gt;）</option>"), std::string::npos);
  EXPECT_NE(home.find("<option>县&lt;2&gt;</option>"), std::string::npos);

  const std::string message = message_page("标题<", "说明 & <a>", nullptr);
  EXPECT_NE(message.find("<h1>标题&lt;</h1><p>说明 &amp; &lt;a&gt;</p>"), std::string::npos);
}

}  // namespace
}  // namespace evpack
